import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { notifyDeliveries } from "../db/schema.js";
import { NotFound } from "../errors.js";
import { getOutboxDelivery } from "./outbox-queries.js";
import type { OutboxScope } from "./outbox-scope.js";
import { GIVE_UP_AFTER_MS } from "./queue-message.js";

/**
 * "Retry now": a failed or retrying delivery becomes due at once, with a new 24 hours of retries. Anything else
 * (sent, skipped, queued) is left alone, so a double click never sends twice.
 */
export async function retryDelivery(db: Db, scope: OutboxScope, id: number, now: Date): Promise<boolean> {
  if (!(await getOutboxDelivery(db, scope, id))) throw NotFound();
  const done = await db
    .update(notifyDeliveries)
    .set({ state: "retrying", dueAt: now, giveUpAt: new Date(now.getTime() + GIVE_UP_AFTER_MS), updatedAt: now })
    .where(and(eq(notifyDeliveries.id, id), inArray(notifyDeliveries.state, ["failed", "retrying"])))
    .returning({ id: notifyDeliveries.id });
  return done.length > 0;
}
