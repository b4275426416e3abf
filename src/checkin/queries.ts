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
    .select({ session: attendanceSessions, settings: checkinSettings, options: checkinOptions, activity: activities, course: courses })
    .from(attendanceSessions)
    .innerJoin(activities, eq(activities.id, attendanceSessions.activityId))
    .innerJoin(courses, eq(courses.id, activities.courseId))
    .leftJoin(checkinSettings, eq(checkinSettings.sessionId, attendanceSessions.id))
    .leftJoin(checkinOptions, eq(checkinOptions.activityId, attendanceSessions.activityId))
    .where(eq(attendanceSessions.id, sessionId))
    .limit(1);
  if (!row) return null;
  const groups = await db.select({ id: attendanceSessionGroups.groupId }).from(attendanceSessionGroups).where(eq(attendanceSessionGroups.sessionId, sessionId));
  return { ...row, groupIds: groups.map((g) => g.id) };
}

/** Whether the user is an enrolled learner of the course (and, when the session is for groups, in one of them). */
export async function getMembership(db: Db, courseId: number, userId: string, groupIds: number[]): Promise<"member" | "not_student" | "not_in_group"> {
  const [m] = await db.select({ ok: sql<number>`1` }).from(courseMembers).where(and(eq(courseMembers.courseId, courseId), eq(courseMembers.userId, userId), eq(courseMembers.isLearner, true), eq(courseMembers.isEnrolled, true))).limit(1);
  if (!m) return "not_student";
  if (groupIds.length === 0) return "member";
  const [g] = await db.select({ ok: sql<number>`1` }).from(courseGroupMembers).where(and(eq(courseGroupMembers.userId, userId), inArray(courseGroupMembers.groupId, groupIds))).limit(1);
  return g ? "member" : "not_in_group";
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
