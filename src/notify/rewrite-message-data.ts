import { and, eq, like } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { notifyMessages } from "../db/schema.js";

type Writer = Pick<Db, "select" | "update">;

/**
 * Rewrites the stored data of a platform's messages whose dedupe key starts with `prefix` (e.g. what a feature must
 * no longer keep once its purpose has passed): the outbox page and any later re-render then show the rewritten data.
 * Rows, recipients and delivery states stay. Returns how many messages changed.
 */
export async function rewriteMessageData(
  db: Writer,
  platformId: string,
  prefix: string,
  rewrite: (data: Record<string, unknown>) => Record<string, unknown>,
): Promise<number> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .select({ id: notifyMessages.id, data: notifyMessages.data })
    .from(notifyMessages)
    .where(and(eq(notifyMessages.platformId, platformId), like(notifyMessages.dedupeKey, pattern)));
  let changed = 0;
  for (const row of rows) {
    const next = rewrite(row.data);
    if (JSON.stringify(next) === JSON.stringify(row.data)) continue;
    await db.update(notifyMessages).set({ data: next }).where(eq(notifyMessages.id, row.id));
    changed++;
  }
  return changed;
}
