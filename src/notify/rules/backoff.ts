/** The first retry waits this long; each next one twice as long, up to `MAX_BACKOFF_MS`. */
export const FIRST_BACKOFF_MS = 30_000;
export const MAX_BACKOFF_MS = 3_600_000;

/**
 * When a delivery that failed for a passing reason is tried again, after its `attempts`-th try: 30 s, 1 min,
 * 2 min, ... up to 1 h. Null when that is past `giveUpAt` (24 h after it was due): then it has failed.
 */
export function nextRetryAt(attempts: number, now: Date, giveUpAt: Date): Date | null {
  const wait = Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);
  const at = new Date(now.getTime() + wait);
  return at.getTime() > giveUpAt.getTime() ? null : at;
}
