import type { Db } from "../../db/client.js";
import { nextGradeDue, sendGrades, type SendGradesResult } from "./send-grades.js";

type GradeLti = Parameters<typeof sendGrades>[1];

export interface DrainOptions {
  /** How long one run keeps sending (the job runs every minute, so a little under a minute). */
  windowMs?: number;
  /** The longest wait between two looks at the queue, so a register saved meanwhile goes within seconds. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One run of the grade job: sends what is due, then waits for the next due row (never longer than `pollMs`)
 * and sends again, until the window closes. The queue keeps the batching (a change waits 5 s) and the retry
 * times (Moodle's 409 a second later, back-off after failures); this loop only decides when to look.
 */
export async function drainGrades(
  db: Db,
  lti: GradeLti,
  now: () => Date,
  opts: DrainOptions = {},
): Promise<SendGradesResult> {
  const { windowMs = 50_000, pollMs = 5_000, sleep = wait } = opts;
  const total: SendGradesResult = { sent: 0, conflicts: 0, rejected: 0, failed: 0, skipped: 0 };
  const until = now().getTime() + windowMs;
  for (;;) {
    const r = await sendGrades(db, lti, now());
    for (const k of Object.keys(total) as (keyof SendGradesResult)[]) total[k] += r[k];
    const next = await nextGradeDue(db);
    const left = until - now().getTime();
    if (left <= 0) return total;
    const delay = next ? Math.max(next.getTime() - now().getTime(), 200) : pollMs;
    await sleep(Math.min(delay, pollMs, left));
  }
}
