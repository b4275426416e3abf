import type { Db } from "../db/client.js";
import type { Lti } from "../lti/provider.js";
import { GRADE_BATCH_DELAY_MS } from "./enqueue-grades.js";
import { nextGradeDue, sendGrades } from "./send-grades.js";

export interface GradeSender {
  /** A register was saved: send the queued grades once the batch delay has passed. */
  kick(): void;
}

/**
 * Sends queued grades in the background of the web process: a kick waits for the batch delay, and after a
 * run the sender wakes again when the next retry is due. Timers never keep the process alive; a row that
 * outlives a restart is sent by the first kick after it (one is made at start).
 */
export function gradeSender(db: Db, lti: () => Lti, now: () => Date): GradeSender {
  let timer: NodeJS.Timeout | null = null;
  let at = Infinity;
  const schedule = (delayMs: number) => {
    const when = Date.now() + delayMs;
    if (timer && at <= when) return;
    if (timer) clearTimeout(timer);
    at = when;
    timer = setTimeout(() => void run(), delayMs);
    timer.unref();
  };
  const run = async () => {
    timer = null;
    at = Infinity;
    try {
      await sendGrades(db, lti(), now());
      const next = await nextGradeDue(db);
      if (next) schedule(Math.min(Math.max(next.getTime() - now().getTime(), 1_000), 300_000));
    } catch {
      schedule(30_000); // the database or the platform is away: the rows wait in the queue
    }
  };
  schedule(GRADE_BATCH_DELAY_MS);
  return { kick: () => schedule(GRADE_BATCH_DELAY_MS + 100) };
}
