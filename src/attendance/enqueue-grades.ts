import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { attendanceGradeQueue, courseMembers } from "../db/schema.js";

/** Grades are batched: a change waits this long so a whole register goes to Moodle together. */
export const GRADE_BATCH_DELAY_MS = 5_000;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
interface Graded {
  id: number;
  lineItemUrl: string | null;
}

/** Queues the students' grades for sending (once per student, however many changes) when the activity has a gradebook column. */
export async function enqueueGrades(tx: Db | Tx, activity: Graded, userIds: string[], now: Date): Promise<void> {
  if (!activity.lineItemUrl || userIds.length === 0) return;
  const dueAt = new Date(now.getTime() + GRADE_BATCH_DELAY_MS);
  await tx
    .insert(attendanceGradeQueue)
    .values([...new Set(userIds)].map((userId) => ({ activityId: activity.id, userId, dueAt })))
    .onConflictDoUpdate({ target: [attendanceGradeQueue.activityId, attendanceGradeQueue.userId], set: { dueAt, attempts: 0, lastError: sql`null` } });
}

/** Queues every learner's grade: after a change that moves everyone's (points, the percentage basis, deleted sessions). */
export async function enqueueAllGrades(db: Db, activity: Graded, courseId: number, now: Date): Promise<void> {
  if (!activity.lineItemUrl) return;
  const learners = await db.select({ userId: courseMembers.userId }).from(courseMembers).where(and(eq(courseMembers.courseId, courseId), eq(courseMembers.isLearner, true), eq(courseMembers.isEnrolled, true)));
  await enqueueGrades(db, activity, learners.map((l) => l.userId), now);
}
