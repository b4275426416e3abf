import { sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import { checkinAttempts } from "../db/schema.js";

/** Appends one line to the check-in attempt log. */
export async function insertAttempt(db: Db | Tx, row: typeof checkinAttempts.$inferInsert): Promise<void> {
  await db.insert(checkinAttempts).values(row);
}

/**
 * Deletes, among the `batch` lowest ids of the attempt log (the primary key's index; the log is append-only, so
 * ids run with time), the lines older than `cutoff`. Returns how many went.
 */
export async function deleteOldestAttempts(db: Db, batch: number, cutoff: Date): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      with oldest as (select id, at from ${checkinAttempts} order by id limit ${batch}),
      gone as (
        delete from ${checkinAttempts}
        where id in (select id from oldest where at < ${cutoff.toISOString()}::timestamptz)
        returning 1
      )
      select count(*)::int as n from gone`),
  );
  return Number(row?.n ?? 0);
}
