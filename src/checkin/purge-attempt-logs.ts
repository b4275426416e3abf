import type { Db } from "../db/client.js";
import { deleteOldestAttempts } from "./attempt-queries.js";

const DAY_MS = 24 * 3_600_000;

/** The instant before which attempt-log lines are purged: `days` whole days (of 24 hours) before `now`. */
export function attemptLogCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

export interface PurgeOptions {
  /** Rows looked at per statement (default 5,000). */
  batch?: number;
  /** Statements per call at most (default 20): one housekeeping run stays short, the next goes on. */
  rounds?: number;
}

/**
 * Deletes the check-in attempt log older than `cutoff`, oldest first. The log is append-only, so its ids run with
 * time: each statement looks at the `batch` lowest ids (the primary key's index; no index on `at` is needed) and
 * deletes those older than the cutoff. It stops when a batch held a younger line, so a run with nothing to purge
 * reads at most one batch. A line written out of order waits until the lines before it are purged. Returns the
 * number of lines deleted.
 */
export async function purgeAttemptLogs(db: Db, cutoff: Date, opts: PurgeOptions = {}): Promise<number> {
  const batch = opts.batch ?? 5_000;
  const rounds = opts.rounds ?? 20;
  let total = 0;
  for (let round = 0; round < rounds; round++) {
    const n = await deleteOldestAttempts(db, batch, cutoff);
    total += n;
    if (n < batch) break;
  }
  return total;
}
