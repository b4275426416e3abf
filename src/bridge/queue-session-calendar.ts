import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { moodleConnections, moodleSessionCalendar } from "../db/schema.js";

/**
 * Records that these sessions' Moodle calendar events must follow a change (create, edit, delete). The row is the
 * kept work: the calendar job picks it up (src/jobs/session-calendar.ts) and retries until Moodle agrees.
 * Nothing is queued when the platform has no Moodle connection.
 */
export async function queueSessionCalendar(
  db: Db,
  course: { platformId: string; courseId: number },
  sessionIds: number[],
  now: Date,
): Promise<number> {
  if (sessionIds.length === 0) return 0;
  const [connected] = await db
    .select({ id: moodleConnections.platformId })
    .from(moodleConnections)
    .where(eq(moodleConnections.platformId, course.platformId))
    .limit(1);
  if (!connected) return 0;
  const values = {
    status: "pending" as const,
    attempts: 0,
    errorKey: null,
    errorParams: null,
    queuedAt: null,
    updatedAt: now,
  };
  await db
    .insert(moodleSessionCalendar)
    .values(
      [...new Set(sessionIds)].map((sessionId) => ({
        sessionId,
        platformId: course.platformId,
        courseId: course.courseId,
        ...values,
      })),
    )
    .onConflictDoUpdate({ target: moodleSessionCalendar.sessionId, set: values });
  return sessionIds.length;
}

/** Puts failed sessions of a course back in the queue (the "try again" button). */
export async function retrySessionCalendar(db: Db, courseId: number, sessionIds: number[], now: Date): Promise<void> {
  if (sessionIds.length === 0) return;
  await db
    .update(moodleSessionCalendar)
    .set({ status: "pending", attempts: 0, queuedAt: null, updatedAt: now })
    .where(
      and(
        eq(moodleSessionCalendar.courseId, courseId),
        inArray(moodleSessionCalendar.sessionId, sessionIds),
        inArray(moodleSessionCalendar.status, ["failed", "not_connected"]),
      ),
    );
}
