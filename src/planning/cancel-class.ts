import type { Db } from "../db/client.js";
import { NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { updateStudyClass } from "./class-queries.js";
import { getClass } from "./queries.js";
import { recordChange } from "./record-change.js";
import { queueCancellation } from "./timeline/queue-cancellation.js";

/**
 * Cancels a class: it frees its Zoom lane at once; its meeting is deleted at the next pass of the timeline job
 * (delete-cancelled-meetings.ts); whoever its reminders
 * reached gets a cancellation at once (through the outbox, in this transaction). Cancelling twice changes nothing.
 */
export async function cancelClass(db: Db, actor: Actor, classId: number, now: Date): Promise<void> {
  const before = await getClass(db, actor.platformId, classId);
  if (!before) throw NotFound();
  if (before.state === "cancelled") return;
  await db.transaction(async (tx) => {
    await updateStudyClass(tx, before.id, {
      state: "cancelled",
      zoomHostId: null,
      zoomLane: null,
      hostConcurrency: null,
      updatedAt: now,
    });
    await recordChange(tx, actor, before.id, "cancelled", { state: { from: before.state, to: "cancelled" } }, now);
    await queueCancellation(tx, before, now);
  });
}
