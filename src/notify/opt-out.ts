import type { Db } from "../db/client.js";
import { notifyOptOuts } from "../db/schema.js";
import type { OptOutPayload } from "./unsubscribe-link.js";

/** Records that a person wants no more messages of a kind on a platform (again: nothing changes). */
export async function optOut(db: Db, p: OptOutPayload, now: Date): Promise<void> {
  await db
    .insert(notifyOptOuts)
    .values({ platformId: p.platformId, userId: p.userId, kind: p.kind, createdAt: now })
    .onConflictDoNothing();
}
