import { DateTime } from "luxon";
import type { Db } from "../db/client.js";
import { Conflict, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { getLastCancellationDiff, updateStudyClass } from "./class-queries.js";
import { getClass } from "./queries.js";
import { recordChange } from "./record-change.js";

/** A cancelled class can be brought back until its day is over (in the platform's zone). */
export function isRestorable(classDate: string, now: Date, zone: string): boolean {
  return classDate >= (DateTime.fromJSDate(now, { zone }).toISODate() ?? "");
}

/**
 * Undoes a cancellation until the class's day: the class returns to the state it had before (planned or changed);
 * its Zoom meeting is found again by the next Zoom assignment. Restoring a class that is not cancelled changes nothing.
 */
export async function restoreClass(db: Db, actor: Actor, classId: number, now: Date, zone: string): Promise<void> {
  const before = await getClass(db, actor.platformId, classId);
  if (!before) throw NotFound();
  if (before.state !== "cancelled") return;
  if (!isRestorable(before.classDate, now, zone)) throw Conflict("planning.undo.too_late");
  const diff = await getLastCancellationDiff(db, before.id);
  const was = (diff as { state?: { from?: unknown } } | null)?.state?.from;
  const state = was === "changed" ? "changed" : "planned";
  await db.transaction(async (tx) => {
    await updateStudyClass(tx, before.id, { state, updatedAt: now });
    await recordChange(tx, actor, before.id, "edited", { state: { from: "cancelled", to: state } }, now);
  });
}
