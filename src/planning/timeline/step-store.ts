import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { timelineSteps, type StepState } from "../../db/schema.js";
import type { TimelineStepRow } from "./queries.js";

type Writer = Pick<Db, "insert" | "update">;

/** A failed row is tried again after 5 min, 10, 20, ... up to 6 h; after this many tries only "retry failed" runs it. */
export const MAX_AUTO_ATTEMPTS = 8;

export function nextTryAfter(attempts: number, now: Date): Date {
  return new Date(now.getTime() + Math.min(5 * 2 ** Math.max(attempts - 1, 0), 360) * 60_000);
}

/** What one run of a step did to one row (a class, or the day as class 0). */
export interface StepOutcome {
  state: StepState;
  reasonKey?: string | null;
  reasonParams?: Record<string, string | number> | null;
  messageId?: number | null;
  result?: Record<string, unknown> | null;
}

export interface StepKey {
  platformId: string;
  classDate: string;
  step: string;
  classId: number;
}

/** Whether a row still needs this step: no row yet, pending, or failed and due for another try (or forced). */
export function needsRun(row: TimelineStepRow | undefined, now: Date, force = false): boolean {
  if (!row || row.state === "pending") return true;
  if (row.state !== "failed") return false;
  if (force) return true;
  return row.attempts < MAX_AUTO_ATTEMPTS && (!row.nextTryAt || row.nextTryAt <= now);
}

/** Records a step's outcome on its row (insert or update); a failure counts a try and gets its next time. */
export async function saveStep(db: Writer, key: StepKey, outcome: StepOutcome, now: Date): Promise<void> {
  const failed = outcome.state === "failed";
  const values = {
    state: outcome.state,
    reasonKey: outcome.reasonKey ?? null,
    reasonParams: outcome.reasonParams ?? null,
    messageId: outcome.messageId ?? null,
    result: outcome.result ?? null,
    doneAt: outcome.state === "done" ? now : null,
    updatedAt: now,
  };
  await db
    .insert(timelineSteps)
    .values({ ...key, ...values, attempts: failed ? 1 : 0, nextTryAt: failed ? nextTryAfter(1, now) : null })
    .onConflictDoUpdate({
      target: [timelineSteps.platformId, timelineSteps.classDate, timelineSteps.step, timelineSteps.classId],
      set: {
        ...values,
        attempts: failed ? sql`${timelineSteps.attempts} + 1` : 0,
        nextTryAt: failed
          ? sql`${now.toISOString()}::timestamptz + (least(5 * power(2, ${timelineSteps.attempts}), 360) * interval '1 minute')`
          : null,
      },
    });
}

/** Makes a step's failed rows (or all its rows) of a day run again at the next pass. */
export async function resetStep(
  db: Writer,
  platformId: string,
  classDate: string,
  step: string,
  now: Date,
  only: "failed" | "all" = "failed",
): Promise<void> {
  await db
    .update(timelineSteps)
    .set({ state: "pending", attempts: 0, nextTryAt: null, updatedAt: now })
    .where(
      and(
        eq(timelineSteps.platformId, platformId),
        eq(timelineSteps.classDate, classDate),
        eq(timelineSteps.step, step),
        only === "failed" ? eq(timelineSteps.state, "failed") : sql`true`,
      ),
    );
}
