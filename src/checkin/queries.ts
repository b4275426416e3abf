import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { activities, attendanceMarks, attendanceSessionGroups, attendanceSessions, attendanceStatuses, checkinAttempts, checkinOptions, checkinSettings, courseGroupMembers, courseMembers, courses } from "../db/schema.js";

export type CheckinSettingsRow = typeof checkinSettings.$inferSelect;
export type CheckinOptionsRow = typeof checkinOptions.$inferSelect;
export type AttemptRow = typeof checkinAttempts.$inferSelect;

/** Everything a check-in decides on, loaded by session id alone (a scanned link has no actor yet). */
export interface CheckinContext {
  session: typeof attendanceSessions.$inferSelect;
  settings: CheckinSettingsRow | null;
  options: CheckinOptionsRow | null;
  activity: typeof activities.$inferSelect;
  course: typeof courses.$inferSelect;
  groupIds: number[];
}

/** A session with its check-in settings, the activity's options, the activity, the course and the session's groups. */
export async function getCheckinContext(db: Db, sessionId: number): Promise<CheckinContext | null> {
  const [row] = await db
    .select({
      session: attendanceSessions,
      settings: checkinSettings,
      options: checkinOptions,
      activity: activities,
      course: courses,
      groupIds: sql<number[] | null>`(select array_agg(${attendanceSessionGroups.groupId}) from ${attendanceSessionGroups} where ${attendanceSessionGroups.sessionId} = ${attendanceSessions.id})`,
    })
    .from(attendanceSessions)
    .innerJoin(activities, eq(activities.id, attendanceSessions.activityId))
    .innerJoin(courses, eq(courses.id, activities.courseId))
    .leftJoin(checkinSettings, eq(checkinSettings.sessionId, attendanceSessions.id))
    .leftJoin(checkinOptions, eq(checkinOptions.activityId, attendanceSessions.activityId))
    .where(eq(attendanceSessions.id, sessionId))
    .limit(1);
  if (!row) return null;
  return { ...row, groupIds: (row.groupIds ?? []).map(Number) };
}

/** A student's standing in one query: their mark in the session (if any) and whether they may check in to it. */
export async function getStanding(db: Db, ctx: CheckinContext, userId: string) {
  const inGroup = ctx.groupIds.length === 0 ? sql<boolean>`true` : sql<boolean>`exists(${db.select({ one: sql`1` }).from(courseGroupMembers).where(and(eq(courseGroupMembers.userId, userId), inArray(courseGroupMembers.groupId, ctx.groupIds)))})`;
  const [row] = await db
    .select({ isStudent: sql<boolean>`${courseMembers.isLearner} and ${courseMembers.isEnrolled}`, inGroup, mark: attendanceMarks })
    .from(courseMembers)
    .leftJoin(attendanceMarks, and(eq(attendanceMarks.sessionId, ctx.session.id), eq(attendanceMarks.userId, userId)))
    .where(and(eq(courseMembers.courseId, ctx.course.id), eq(courseMembers.userId, userId)))
    .limit(1);
  const membership = !row?.isStudent ? "not_student" : row.inGroup ? "member" : "not_in_group";
  return { membership, mark: row?.mark ?? null } as const;
}

/** The visible statuses of a set with their self check-in minutes. */
export async function listCheckinStatuses(db: Db, setId: number) {
  return db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, setId)).orderBy(asc(attendanceStatuses.position), asc(attendanceStatuses.id));
}

/** Wrong codes since `since`: by this student in this session, and by anyone in this session in the last minute. */
export async function countWrongCodes(db: Db, sessionId: number, userId: string, since: Date, lastMinute: Date): Promise<{ mine: number; session: number }> {
  const [row] = await db
    .select({
      mine: sql<number>`count(*) filter (where ${checkinAttempts.userId} = ${userId})::int`,
      session: sql<number>`count(*) filter (where ${checkinAttempts.at} > ${lastMinute.toISOString()}::timestamptz)::int`,
    })
    .from(checkinAttempts)
    .where(and(eq(checkinAttempts.sessionId, sessionId), eq(checkinAttempts.reason, "wrong_code"), gt(checkinAttempts.at, since)));
  return { mine: row?.mine ?? 0, session: row?.session ?? 0 };
}

/** A student's mark in a session, or null. */
export async function getMark(db: Db, sessionId: number, userId: string) {
  const [m] = await db.select().from(attendanceMarks).where(and(eq(attendanceMarks.sessionId, sessionId), eq(attendanceMarks.userId, userId))).limit(1);
  return m ?? null;
}

/** How many students have a mark in the session (the projector's "checked in" count counts self check-ins). */
export async function countSelfMarks(db: Db, sessionId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(attendanceMarks).where(and(eq(attendanceMarks.sessionId, sessionId), eq(attendanceMarks.by, "self")));
  return row?.n ?? 0;
}

/** The session's attempt log, newest first (bounded). */
export async function listAttempts(db: Db, sessionId: number, limit = 500): Promise<AttemptRow[]> {
  return db.select().from(checkinAttempts).where(eq(checkinAttempts.sessionId, sessionId)).orderBy(desc(checkinAttempts.at), desc(checkinAttempts.id)).limit(limit);
}

/** The accepted attempts of a session by student: when, from which IP and device (for the register). */
export async function listAcceptedAttempts(db: Db, sessionId: number): Promise<Map<string, AttemptRow>> {
  const rows = await db.select().from(checkinAttempts).where(and(eq(checkinAttempts.sessionId, sessionId), eq(checkinAttempts.outcome, "accepted")));
  return new Map(rows.filter((r) => r.userId).map((r) => [r.userId!, r]));
}

/** The activity's options, or the defaults. */
export async function getCheckinOptions(db: Db, activityId: number): Promise<{ allowedIpRanges: string; isOneDevicePerSession: boolean }> {
  const [row] = await db.select().from(checkinOptions).where(eq(checkinOptions.activityId, activityId)).limit(1);
  return row ?? { allowedIpRanges: "", isOneDevicePerSession: false };
}

/** A session's settings row, or null when check-in was never set up. */
export async function getCheckinSettings(db: Db, sessionId: number): Promise<CheckinSettingsRow | null> {
  const [row] = await db.select().from(checkinSettings).where(eq(checkinSettings.sessionId, sessionId)).limit(1);
  return row ?? null;
}
