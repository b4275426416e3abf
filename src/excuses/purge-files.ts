import type { Db } from "../db/client.js";
import { emptyOldExcuseFiles } from "./queries.js";

/** The moment before which a decided or withdrawn request's file is removed (pure). */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 24 * 3600_000);
}

/**
 * Housekeeping: removes the files of requests decided or withdrawn before the cutoff
 * (`EXCUSE_FILE_RETENTION_DAYS`); the requests themselves stay, showing "file removed". How many were removed.
 */
export async function purgeExcuseFiles(db: Db, cutoff: Date): Promise<number> {
  return emptyOldExcuseFiles(db, cutoff);
}
