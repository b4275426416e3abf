import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  activities,
  appSessions,
  attendanceGradeQueue,
  attendanceMarkHistory,
  attendanceMarks,
  attendanceSessions,
  checkinAttempts,
  checkinDevices,
  checkinGuessCounts,
  courseGroupMembers,
  courseMembers,
  courses,
  excuseFiles,
  excuses,
  followupContacts,
  followupWarnings,
  lecturerCounts,
  lecturerReplies,
  ltiStore,
  moodleMessageRecipients,
  moodleMessageRequests,
  notifyDeliveries,
  notifyMessages,
  notifyOptOuts,
  planningCoordinators,
  studyClasses,
} from "../db/schema.js";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** One person of one platform: the same Moodle user id on another platform is someone else. */
export interface Person {
  platformId: string;
  /** The LTI user id (Moodle's user id). */
  userId: string;
  /** ltijs keys its context tokens by issuer and client id, not by the platform id. */
  issuer: string;
  clientId: string;
  /** Lower-case addresses: study-day planning knows lecturers by e-mail only. */
  emails: readonly string[];
}

/** The platform's rows as id subqueries: every condition below is inside one of them. */
export function platformScope(db: Db | Tx, platformId: string) {
  const courseIds = db.select({ id: courses.id }).from(courses).where(eq(courses.platformId, platformId));
  const activityIds = db.select({ id: activities.id }).from(activities).where(inArray(activities.courseId, courseIds));
  const sessionIds = db
    .select({ id: attendanceSessions.id })
    .from(attendanceSessions)
    .where(inArray(attendanceSessions.activityId, activityIds));
  const classIds = db.select({ id: studyClasses.id }).from(studyClasses).where(eq(studyClasses.platformId, platformId));
  return { courseIds, activityIds, sessionIds, classIds };
}

/**
 * Which rows of each table are about the person: the one definition the export reads and the delete changes, so
 * a dry run counts exactly what the export shows.
 */
export function personRows(db: Db | Tx, p: Person) {
  const s = platformScope(db, p.platformId);
  const u = p.userId;
  const emails = [...p.emails];
  const contacts = and(inArray(followupContacts.activityId, s.activityIds), eq(followupContacts.userId, u))!;
  const warnings = and(inArray(followupWarnings.activityId, s.activityIds), eq(followupWarnings.userId, u))!;
  const excuseRows = and(inArray(excuses.activityId, s.activityIds), eq(excuses.userId, u))!;
  const messagesAbout = and(
    eq(notifyMessages.platformId, p.platformId),
    or(
      sql`${notifyMessages.data}->>'userId' = ${u}`,
      inArray(notifyMessages.id, db.select({ id: followupWarnings.messageId }).from(followupWarnings).where(warnings)),
      inArray(notifyMessages.id, db.select({ id: followupContacts.messageId }).from(followupContacts).where(contacts)),
    ),
  )!;
  const deliveries = and(
    inArray(
      notifyDeliveries.messageId,
      db.select({ id: notifyMessages.id }).from(notifyMessages).where(eq(notifyMessages.platformId, p.platformId)),
    ),
    or(
      eq(notifyDeliveries.userId, u),
      eq(notifyDeliveries.moodleUserId, u),
      inArray(sql`lower(${notifyDeliveries.email})`, emails),
    ),
  )!;
  const messagesTo = inArray(
    notifyMessages.id,
    db.select({ id: notifyDeliveries.messageId }).from(notifyDeliveries).where(deliveries),
  );
  return {
    ltiTokens: or(
      and(
        eq(ltiStore.collection, "idtoken"),
        sql`${ltiStore.doc} @> ${JSON.stringify({ platformId: p.platformId, user: u })}::jsonb`,
      ),
      and(
        eq(ltiStore.collection, "contexttoken"),
        sql`${ltiStore.doc}->>'user' = ${u}`,
        sql`starts_with(${ltiStore.doc}->>'contextId', ${encodeURIComponent(p.issuer + p.clientId)})`,
      ),
    )!,
    appSessions: and(
      sql`${appSessions.actor}->>'platformId' = ${p.platformId}`,
      sql`${appSessions.actor}->>'userId' = ${u}`,
    )!,
    courseMembers: and(inArray(courseMembers.courseId, s.courseIds), eq(courseMembers.userId, u))!,
    groupMembers: and(inArray(courseGroupMembers.courseId, s.courseIds), eq(courseGroupMembers.userId, u))!,
    marks: and(inArray(attendanceMarks.sessionId, s.sessionIds), eq(attendanceMarks.userId, u))!,
    markHistory: and(inArray(attendanceMarkHistory.sessionId, s.sessionIds), eq(attendanceMarkHistory.userId, u))!,
    gradeQueue: and(inArray(attendanceGradeQueue.activityId, s.activityIds), eq(attendanceGradeQueue.userId, u))!,
    attempts: and(inArray(checkinAttempts.sessionId, s.sessionIds), eq(checkinAttempts.userId, u))!,
    devices: and(inArray(checkinDevices.sessionId, s.sessionIds), eq(checkinDevices.userId, u))!,
    guessCounts: and(inArray(checkinGuessCounts.sessionId, s.sessionIds), eq(checkinGuessCounts.who, `u:${u}`))!,
    warnings,
    contacts,
    excuses: excuseRows,
    excuseFiles: inArray(excuseFiles.excuseId, db.select({ id: excuses.id }).from(excuses).where(excuseRows)),
    messagesAbout,
    messages: or(messagesAbout, messagesTo)!,
    deliveries,
    optOuts: and(eq(notifyOptOuts.platformId, p.platformId), eq(notifyOptOuts.userId, u))!,
    moodleRecipients: and(
      inArray(
        moodleMessageRecipients.messageRequestId,
        db
          .select({ id: moodleMessageRequests.id })
          .from(moodleMessageRequests)
          .where(inArray(moodleMessageRequests.courseId, s.courseIds)),
      ),
      eq(moodleMessageRecipients.userId, u),
    )!,
    coordinators: and(eq(planningCoordinators.platformId, p.platformId), eq(planningCoordinators.userId, u))!,
    classesTaught: and(
      eq(studyClasses.platformId, p.platformId),
      inArray(sql`lower(${studyClasses.lecturerEmail})`, emails),
    )!,
    lecturerReplies: and(eq(lecturerReplies.platformId, p.platformId), inArray(lecturerReplies.email, emails))!,
    lecturerCounts: and(
      eq(lecturerCounts.platformId, p.platformId),
      inArray(sql`lower(${lecturerCounts.email})`, emails),
    )!,
    teachesSessions: and(
      inArray(attendanceSessions.activityId, s.activityIds),
      eq(attendanceSessions.lecturerUserId, u),
    )!,
  } satisfies Record<string, SQL>;
}

export type PersonRows = ReturnType<typeof personRows>;
