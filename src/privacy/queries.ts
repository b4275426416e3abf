import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  activities,
  appSessions,
  attendanceGradeQueue,
  attendanceMarkHistory,
  attendanceMarks,
  attendanceSessions,
  attendanceStatuses,
  checkinAttempts,
  checkinDevices,
  checkinGuessCounts,
  courseGroupMembers,
  courseMembers,
  courses,
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
  excuseFiles,
  excuses,
} from "../db/schema.js";
import { actorRefs } from "./actor-refs.js";
import { personRows, platformScope, type Person, type Tx } from "./person-scope.js";

type Rows = Record<string, unknown>[];

/** The names the platform knows the person by (roster rows, the classes they teach), to find them in free text. */
export async function listPersonNames(db: Db | Tx, p: Person): Promise<Set<string>> {
  const w = personRows(db, p);
  const members = await db
    .select({ name: courseMembers.name, given: courseMembers.givenName, family: courseMembers.familyName })
    .from(courseMembers)
    .where(w.courseMembers);
  const classes = await db.select({ name: studyClasses.lecturerName }).from(studyClasses).where(w.classesTaught);
  const names = [...members.flatMap((m) => [m.name, `${m.given} ${m.family}`]), ...classes.map((c) => c.name)];
  return new Set(names.map((n) => n.trim()).filter(Boolean));
}

/** The addresses the platform knows the person by: their roster rows and their launches' id tokens. */
export async function listPersonEmails(db: Db, platformId: string, userId: string): Promise<string[]> {
  const s = platformScope(db, platformId);
  const roster = await db
    .select({ email: courseMembers.email })
    .from(courseMembers)
    .where(
      and(
        inArray(courseMembers.courseId, s.courseIds),
        eq(courseMembers.userId, userId),
        isNotNull(courseMembers.email),
      ),
    );
  const launches = await db
    .select({ email: sql<string | null>`${ltiStore.doc}->'userInfo'->>'email'` })
    .from(ltiStore)
    .where(
      and(
        eq(ltiStore.collection, "idtoken"),
        sql`${ltiStore.doc} @> ${JSON.stringify({ platformId, user: userId })}::jsonb`,
      ),
    );
  return [...roster, ...launches].map((r) => (r.email ?? "").trim().toLowerCase()).filter(Boolean);
}

/** Every row about the person, by SQL table name (the names docs/privacy.md uses). */
export async function listPersonRows(db: Db, p: Person): Promise<Record<string, Rows>> {
  const w = personRows(db, p);
  const pick = async (name: string, rows: Promise<Rows>) => [name, await rows] as const;
  const entries = await Promise.all([
    pick(
      "lti_store",
      db
        .select({ collection: ltiStore.collection, doc: ltiStore.doc, createdAt: ltiStore.createdAt })
        .from(ltiStore)
        .where(w.ltiTokens)
        .orderBy(asc(ltiStore.id)),
    ),
    // not the session id or the browser id: they are the cookies' secrets
    pick(
      "app_sessions",
      db
        .select({
          kind: appSessions.kind,
          activityId: appSessions.activityId,
          actor: appSessions.actor,
          createdAt: appSessions.createdAt,
          expiresAt: appSessions.expiresAt,
        })
        .from(appSessions)
        .where(w.appSessions)
        .orderBy(asc(appSessions.createdAt)),
    ),
    pick("course_members", db.select().from(courseMembers).where(w.courseMembers).orderBy(asc(courseMembers.courseId))),
    pick("course_group_members", db.select().from(courseGroupMembers).where(w.groupMembers)),
    pick("attendance_marks", db.select().from(attendanceMarks).where(w.marks).orderBy(asc(attendanceMarks.id))),
    pick(
      "attendance_mark_history",
      db.select().from(attendanceMarkHistory).where(w.markHistory).orderBy(asc(attendanceMarkHistory.id)),
    ),
    pick("attendance_grade_queue", db.select().from(attendanceGradeQueue).where(w.gradeQueue)),
    pick("attendance_sessions", db.select().from(attendanceSessions).where(w.teachesSessions)),
    pick("checkin_attempts", db.select().from(checkinAttempts).where(w.attempts).orderBy(asc(checkinAttempts.id))),
    pick("checkin_devices", db.select().from(checkinDevices).where(w.devices)),
    pick("checkin_guess_counts", db.select().from(checkinGuessCounts).where(w.guessCounts)),
    pick("followup_warnings", db.select().from(followupWarnings).where(w.warnings).orderBy(asc(followupWarnings.id))),
    pick("excuses", db.select().from(excuses).where(w.excuses).orderBy(asc(excuses.id))),
    pick(
      "excuse_files",
      db
        .select({
          excuseId: excuseFiles.excuseId,
          fileName: excuseFiles.fileName,
          size: excuseFiles.size,
          base64: sql<string>`encode(${excuseFiles.bytes}, 'base64')`,
        })
        .from(excuseFiles)
        .where(w.excuseFiles),
    ),
    pick("followup_contacts", db.select().from(followupContacts).where(w.contacts).orderBy(asc(followupContacts.id))),
    pick("notify_messages", db.select().from(notifyMessages).where(w.messages).orderBy(asc(notifyMessages.id))),
    pick("notify_deliveries", db.select().from(notifyDeliveries).where(w.deliveries).orderBy(asc(notifyDeliveries.id))),
    pick("notify_opt_outs", db.select().from(notifyOptOuts).where(w.optOuts)),
    pick("moodle_message_recipients", db.select().from(moodleMessageRecipients).where(w.moodleRecipients)),
    pick("planning_coordinators", db.select().from(planningCoordinators).where(w.coordinators)),
    pick("study_classes", db.select().from(studyClasses).where(w.classesTaught).orderBy(asc(studyClasses.startsAt))),
    pick("lecturer_replies", db.select().from(lecturerReplies).where(w.lecturerReplies)),
    pick("lecturer_counts", db.select().from(lecturerCounts).where(w.lecturerCounts)),
  ]);
  return Object.fromEntries(entries);
}

/** How many rows name the person as the one who acted (marked, created, changed), by table.column. */
export async function countActorRefs(db: Db, p: Person): Promise<Record<string, number>> {
  const counts = await Promise.all(actorRefs(db, p).map(async (r) => [r.name, await db.$count(r.table, r.where)]));
  return Object.fromEntries(counts);
}

const idsOf = (rows: Rows | undefined, key: string): number[] => [
  ...new Set((rows ?? []).map((r) => r[key]).filter((v): v is number => typeof v === "number")),
];

/** What the rows' ids stand for (course titles, session times, status letters), so the export reads on its own. */
export async function listExportContext(db: Db, platformId: string, rows: Record<string, Rows>) {
  const markRows = [...(rows.attendance_marks ?? []), ...(rows.attendance_mark_history ?? [])];
  const sessionIds = new Set([
    ...idsOf(markRows, "sessionId"),
    ...idsOf(rows.checkin_attempts, "sessionId"),
    ...idsOf(rows.checkin_devices, "sessionId"),
    ...idsOf(rows.attendance_sessions, "id"),
  ]);
  const statusIds = [
    ...idsOf(markRows, "statusId"),
    ...idsOf(markRows, "fromStatusId"),
    ...idsOf(markRows, "toStatusId"),
  ];
  const requestIds = idsOf(rows.moodle_message_recipients, "messageRequestId");
  const s = platformScope(db, platformId);
  const [courseRows, activityRows, sessionRows, statusRows, requestRows] = await Promise.all([
    db
      .select({ id: courses.id, contextId: courses.contextId, label: courses.label, title: courses.title })
      .from(courses)
      .where(eq(courses.platformId, platformId)),
    db
      .select({ id: activities.id, courseId: activities.courseId, title: activities.title })
      .from(activities)
      .where(inArray(activities.courseId, s.courseIds)),
    db
      .select({
        id: attendanceSessions.id,
        activityId: attendanceSessions.activityId,
        startsAt: attendanceSessions.startsAt,
        endsAt: attendanceSessions.endsAt,
        description: attendanceSessions.description,
      })
      .from(attendanceSessions)
      .where(and(inArray(attendanceSessions.id, [...sessionIds]), inArray(attendanceSessions.id, s.sessionIds))),
    db
      .select({
        id: attendanceStatuses.id,
        acronym: attendanceStatuses.acronym,
        defaultKey: attendanceStatuses.defaultKey,
        description: attendanceStatuses.description,
      })
      .from(attendanceStatuses)
      .where(inArray(attendanceStatuses.id, [...new Set(statusIds)])),
    db
      .select({
        id: moodleMessageRequests.id,
        text: moodleMessageRequests.text,
        createdAt: moodleMessageRequests.createdAt,
      })
      .from(moodleMessageRequests)
      .where(and(inArray(moodleMessageRequests.id, requestIds), inArray(moodleMessageRequests.courseId, s.courseIds))),
  ]);
  const activityIds = new Set([
    ...sessionRows.map((r) => r.activityId),
    ...["followup_warnings", "followup_contacts", "attendance_grade_queue"].flatMap((t) =>
      idsOf(rows[t], "activityId"),
    ),
  ]);
  const used = activityRows.filter((a) => activityIds.has(a.id));
  const courseIds = new Set([...idsOf(rows.course_members, "courseId"), ...used.map((a) => a.courseId)]);
  return {
    courses: courseRows.filter((c) => courseIds.has(c.id)),
    activities: used,
    sessions: sessionRows,
    statuses: statusRows,
    moodleMessages: requestRows,
  };
}
