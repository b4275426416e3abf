import { eq } from "drizzle-orm";
import type { Db } from "../src/db/client.js";
import { attendanceMarks, attendanceSessions, attendanceStatuses, courseMembers } from "../src/db/schema.js";
import { defaultSetId } from "../src/attendance/statuses/ensure-status-sets.js";

const CHUNK = 5_000;

/** Fills a course up to `students` learners (the roster's own plus made-up ones, Latvian letters included). */
export async function seedStudents(db: Db, courseId: number, students: number): Promise<string[]> {
  const existing = await db
    .select({ userId: courseMembers.userId })
    .from(courseMembers)
    .where(eq(courseMembers.courseId, courseId));
  const extra = Array.from({ length: Math.max(students - existing.length + 1, 0) }, (_, i) => ({
    courseId,
    userId: `b${i}`,
    name: `Ģirts Šķērsts ${i}`,
    givenName: "Ģirts",
    familyName: `Šķērsts ${String(i).padStart(4, "0")}`,
    email: `girts.${i}@example.lv`,
    roles: ["Learner"],
    isLearner: true,
  }));
  for (let i = 0; i < extra.length; i += CHUNK) await db.insert(courseMembers).values(extra.slice(i, i + CHUNK));
  const learners = await db
    .select({ userId: courseMembers.userId })
    .from(courseMembers)
    .where(eq(courseMembers.courseId, courseId));
  return learners
    .map((l) => l.userId)
    .filter((u) => u !== "3")
    .slice(0, students);
}

/**
 * `sessions` past sessions (Monday and Thursday 9:00 from September 2025) with a mark for every student, mostly
 * P, some L, E and A; marks go in 5,000 rows per statement.
 */
export async function seedMarks(
  db: Db,
  activityId: number,
  userIds: string[],
  sessions: number,
): Promise<{ sessionIds: number[]; statusIds: Record<string, number> }> {
  const setId = await defaultSetId(db, activityId);
  const statuses = await db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, setId));
  const statusIds = Object.fromEntries(statuses.map((s) => [s.acronym, s.id]));
  const start = Date.parse("2025-09-01T06:00:00Z");
  const rows = Array.from({ length: sessions }, (_, i) => {
    const startsAt = new Date(start + (Math.floor(i / 2) * 7 + (i % 2) * 3) * 86_400_000);
    return {
      activityId,
      setId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 90 * 60_000),
      description: `Lekcija ${i + 1}`,
      takenAt: startsAt,
    };
  });
  const sessionIds: number[] = [];
  for (let i = 0; i < rows.length; i += 1_000)
    sessionIds.push(
      ...(
        await db
          .insert(attendanceSessions)
          .values(rows.slice(i, i + 1_000))
          .returning({ id: attendanceSessions.id })
      ).map((r) => r.id),
    );
  const pick = (n: number) =>
    (n % 10 < 7 ? statusIds.P : n % 10 === 7 ? statusIds.L : n % 10 === 8 ? statusIds.E : statusIds.A)!;
  let batch: (typeof attendanceMarks.$inferInsert)[] = [];
  for (const [s, sessionId] of sessionIds.entries()) {
    for (const [u, userId] of userIds.entries()) {
      batch.push({
        sessionId,
        userId,
        statusId: pick(s * 7 + u * 13),
        remark: u % 50 === 0 ? "vilciens kavējās" : "",
        by: "lecturer",
        markedBy: "3",
        markedAt: rows[s]!.startsAt,
      });
      if (batch.length === CHUNK) {
        await db.insert(attendanceMarks).values(batch);
        batch = [];
      }
    }
  }
  if (batch.length) await db.insert(attendanceMarks).values(batch);
  return { sessionIds, statusIds };
}
