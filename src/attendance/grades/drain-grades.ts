import type { Db } from "../../db/client.js";
import { claimGrades, emptyResult, nextGradeDue, sendPlatform, type SendGradesResult } from "./send-grades.js";

type GradeLti = Parameters<typeof sendPlatform>[1];

export interface DrainOptions {
  /** How long one run keeps sending (the job runs every minute, so a little under a minute). */
  windowMs?: number;
  /** The longest wait between two looks at the queue, so a register saved meanwhile goes within seconds. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** How long a look waits for its sends before it sleeps; a platform that takes longer is left to finish alone. */
const SETTLE_MS = 100;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One run of the grade job: sends what is due, then waits for the next due row (never longer than `pollMs`)
 * and sends again, until the window closes. The queue keeps the batching (a change waits 5 s) and the retry
 * times (Moodle's 409 a second later, back-off after failures); this loop only decides when to look.
 * Platforms are independent: each look claims only the rows of platforms not being sent to right now and starts
 * their sends without waiting, so one Moodle that does not answer never delays another's grades; the run ends
 * when the window has closed and every send it started has finished (each call ends at the platform timeout).
 */
export async function drainGrades(
  db: Db,
  lti: GradeLti,
  now: () => Date,
  opts: DrainOptions = {},
): Promise<SendGradesResult> {
  const { windowMs = 50_000, pollMs = 5_000, sleep = wait } = opts;
  const total = emptyResult();
  const busy = new Map<string, Promise<void>>();
  const until = now().getTime() + windowMs;
  for (;;) {
    const at = now();
    for (const [platformId, rows] of await claimGrades(db, at, 500, new Set(busy.keys()))) {
      const result = emptyResult();
      const send = sendPlatform(db, lti, at, rows, result)
        .then(() => {
          for (const k of Object.keys(total) as (keyof SendGradesResult)[]) total[k] += result[k];
        })
        .finally(() => busy.delete(platformId));
      busy.set(platformId, send);
    }
    // A moment for the sends just started to settle, so the next look sees their retry times (a 409's second).
    if (busy.size) await Promise.race([Promise.all(busy.values()), wait(SETTLE_MS)]);
    const left = until - now().getTime();
    if (left <= 0) break;
    const next = await nextGradeDue(db);
    const delay = next ? Math.max(next.getTime() - now().getTime(), 200) : pollMs;
    await Promise.race([sleep(Math.min(delay, pollMs, left)), ...busy.values()]);
  }
  await Promise.all(busy.values());
  return total;
}
