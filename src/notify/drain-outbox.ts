import type { DeliveryDeps } from "./delivery-deps.js";
import { nextDeliveryDue } from "./queries.js";
import { sendDueMessages, type SendDueResult } from "./send-due-messages.js";

export interface DrainOutboxOptions {
  /** How long one run keeps sending (the job runs every minute, so a little under a minute). */
  windowMs?: number;
  /** The longest wait between two looks, so a message queued meanwhile goes within seconds. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One run of the delivery job: sends what is due, then waits for the next due delivery (never longer than
 * `pollMs`) and sends again, until the window closes. The cap and the retry times live in the rows.
 */
export async function drainOutbox(
  deps: DeliveryDeps,
  now: () => Date,
  opts: DrainOutboxOptions = {},
): Promise<SendDueResult> {
  const { windowMs = 50_000, pollMs = 2_000, sleep = wait } = opts;
  const total: SendDueResult = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const until = now().getTime() + windowMs;
  for (;;) {
    const r = await sendDueMessages(deps, now());
    for (const k of Object.keys(total) as (keyof SendDueResult)[]) total[k] += r[k];
    const handled = r.sent + r.retrying + r.failed + r.skipped;
    const left = until - now().getTime();
    if (left <= 0) return total;
    if (handled > 0) continue; // more may be waiting (the batch or the cap stopped us): look again at once
    const next = await nextDeliveryDue(deps.db);
    const delay = next ? Math.max(next.getTime() - now().getTime(), 200) : pollMs;
    await sleep(Math.min(delay, pollMs, left));
  }
}
