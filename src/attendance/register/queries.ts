import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { sortPeople } from "../../i18n/compare-people.js";
import { attendanceMarkHistory, attendanceMarks, courseGroupMembers, courseMembers } from "../../db/schema.js";
import type { SessionWithGroups } from "../sessions/queries.js";

export type MarkRow = typeof attendanceMarks.$inferSelect;
export type MemberRow = typeof courseMembers.$inferSelect;

/**
 * The students a session's register lists: the course's learners (only its groups' members when it is for
 * groups) who were enrolled when it started, plus anyone who already has a mark in it. Students who left
 * later stay, so past registers keep them (the page labels them).
 */
export async function listExpectedStudents(db: Db, courseId: number, session: SessionWithGroups): Promise<MemberRow[]> {
  const marked = db
    .select({ userId: attendanceMarks.userId })
    .from(attendanceMarks)
    .where(eq(attendanceMarks.sessionId, session.id));
  const present = or(
    eq(courseMembers.isEnrolled, true),
    sql`${courseMembers.leftAt} > ${session.startsAt.toISOString()}::timestamptz`,
  );
  const inGroups =
    session.groups.length === 0
      ? undefined
      : inArray(
          courseMembers.userId,
          db
            .select({ userId: courseGroupMembers.userId })
            .from(courseGroupMembers)
            .where(
              inArray(
                courseGroupMembers.groupId,
                session.groups.map((g) => g.id),
              ),
            ),
        );
  const rows = await db
    .select()
    .from(courseMembers)
    .where(
      and(
        eq(courseMembers.courseId, courseId),
        eq(courseMembers.isLearner, true),
        or(and(present, inGroups), inArray(courseMembers.userId, marked)),
      ),
    );
  return sortPeople(rows); // in JavaScript: the database's collation is not Latvian (Ā, Ķ, Š after Z)
}

/** A session's marks by student. */
export async function listSessionMarks(db: Db, sessionId: number): Promise<Map<string, MarkRow>> {
  const rows = await db.select().from(attendanceMarks).where(eq(attendanceMarks.sessionId, sessionId));
  return new Map(rows.map((r) => [r.userId, r]));
}

/** Display names of course members, for "marked by". */
export async function memberNames(db: Db, courseId: number, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: courseMembers.userId, name: courseMembers.name })
    .from(courseMembers)
    .where(and(eq(courseMembers.courseId, courseId), inArray(courseMembers.userId, [...new Set(userIds)])));
  return new Map(rows.map((r) => [r.userId, r.name || r.userId]));
}

export type HistoryRow = typeof attendanceMarkHistory.$inferSelect;

/** Every change of one student's mark in one session, oldest first. */
export async function listMarkHistory(db: Db, sessionId: number, userId: string): Promise<HistoryRow[]> {
  return db
    .select()
    .from(attendanceMarkHistory)
    .where(and(eq(attendanceMarkHistory.sessionId, sessionId), eq(attendanceMarkHistory.userId, userId)))
    .orderBy(asc(attendanceMarkHistory.changedAt), asc(attendanceMarkHistory.id));
}

/** How far each session's register has got: marks given and students expected (the register's own rows). */
export async function listMarkProgress(
  db: Db,
  courseId: number,
  sessions: SessionWithGroups[],
): Promise<Map<number, { marked: number; expected: number }>> {
  const progress = new Map<number, { marked: number; expected: number }>();
  for (const s of sessions) {
    const [students, marks] = await Promise.all([listExpectedStudents(db, courseId, s), listSessionMarks(db, s.id)]);
    progress.set(s.id, { marked: students.filter((m) => marks.has(m.userId)).length, expected: students.length });
  }
  return progress;
}
