import { and, desc, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Db } from "../db/client.js";
import { classChanges, studyClasses } from "../db/schema.js";
import { Conflict, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
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
  const [cancel] = await db
    .select({ diff: classChanges.diff })
    .from(classChanges)
    .where(and(eq(classChanges.classId, before.id), eq(classChanges.kind, "cancelled")))
    .orderBy(desc(classChanges.at), desc(classChanges.id))
    .limit(1);
  const was = (cancel?.diff as { state?: { from?: unknown } } | undefined)?.state?.from;
  const state = was === "changed" ? "changed" : "planned";
  await db.transaction(async (tx) => {
    await tx.update(studyClasses).set({ state, updatedAt: now }).where(eq(studyClasses.id, before.id));
    await recordChange(
      tx as unknown as Db,
      actor,
      before.id,
      "edited",
      { state: { from: "cancelled", to: state } },
      now,
    );
  });
}
