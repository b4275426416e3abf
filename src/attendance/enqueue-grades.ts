import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { attendanceGradeQueue } from "../db/schema.js";

/** Grades are batched: a change waits this long so a whole register goes to Moodle together. */
export const GRADE_BATCH_DELAY_MS = 5_000;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Queues the students' grades for sending (once per student, however many changes); the queue is sent by sendGrades. */
export async function enqueueGrades(tx: Db | Tx, activityId: number, userIds: string[], now: Date): Promise<void> {
  if (userIds.length === 0) return;
  const dueAt = new Date(now.getTime() + GRADE_BATCH_DELAY_MS);
  await tx
    .insert(attendanceGradeQueue)
    .values([...new Set(userIds)].map((userId) => ({ activityId, userId, dueAt })))
    .onConflictDoUpdate({ target: [attendanceGradeQueue.activityId, attendanceGradeQueue.userId], set: { dueAt, attempts: 0, lastError: sql`null` } });
}
