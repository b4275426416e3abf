import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { attendanceGradeQueue, courseMembers } from "../../db/schema.js";

/** Grades are batched: a change waits this long so a whole register goes to Moodle together. */
export const GRADE_BATCH_DELAY_MS = 5_000;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
interface Graded {
  id: number;
  lineItemUrl: string | null;
}

/** A grade queued again is due anew, with its tries and last error forgotten (the tail of every insert into the queue). */
export const REQUEUE = sql`on conflict (activity_id, user_id) do update set due_at = excluded.due_at, attempts = 0, last_error = null`;

/** Queues the students' grades for sending (once per student, however many changes) when the activity has a gradebook column. */
export async function enqueueGrades(tx: Db | Tx, activity: Graded, userIds: string[], now: Date): Promise<void> {
  if (!activity.lineItemUrl || userIds.length === 0) return;
  const dueAt = new Date(now.getTime() + GRADE_BATCH_DELAY_MS).toISOString();
  // One array parameter for the students: a whole course's grades queue in one short statement.
  await tx.execute(sql`
    insert into ${attendanceGradeQueue} (activity_id, user_id, due_at)
    select ${activity.id}, user_id, ${dueAt}::timestamptz from unnest(${sql.param([...new Set(userIds)])}::text[]) as u(user_id)
    ${REQUEUE}`);
}

/** Queues every learner's grade: after a change that moves everyone's (points, the percentage basis, deleted sessions). */
export async function enqueueAllGrades(db: Db, activity: Graded, courseId: number, now: Date): Promise<void> {
  if (!activity.lineItemUrl) return;
  const learners = await db
    .select({ userId: courseMembers.userId })
    .from(courseMembers)
    .where(
      and(eq(courseMembers.courseId, courseId), eq(courseMembers.isLearner, true), eq(courseMembers.isEnrolled, true)),
    );
  await enqueueGrades(
    db,
    activity,
    learners.map((l) => l.userId),
    now,
  );
}
