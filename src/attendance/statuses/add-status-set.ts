import { eq, max } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { attendanceStatuses, attendanceStatusSets } from "../../db/schema.js";
import type { Actor } from "../../lti/actor.js";
import { defaultStatuses } from "./default-statuses.js";
import { ensureStatusSets } from "./ensure-status-sets.js";
import { authorize } from "../policy.js";
import { requireActivity } from "../../activities/index.js";

export const addStatusSetSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "attendance.validation.required" })
    .max(100, { error: "validation.too_long" }),
});
export type AddStatusSetInput = z.infer<typeof addStatusSetSchema>;

/** A further status set for the activity, starting as a copy of the defaults for the lecturer to edit. */
export async function addStatusSet(
  db: Db,
  actor: Actor,
  activityId: number,
  input: AddStatusSetInput,
): Promise<number> {
  authorize(actor, "attendance.manage");
  await requireActivity(db, actor, activityId);
  await ensureStatusSets(db, activityId);
  return db.transaction(async (tx) => {
    const [last] = await tx
      .select({ p: max(attendanceStatusSets.position) })
      .from(attendanceStatusSets)
      .where(eq(attendanceStatusSets.activityId, activityId));
    const [set] = await tx
      .insert(attendanceStatusSets)
      .values({ activityId, name: input.name, position: (last?.p ?? 0) + 1 })
      .returning();
    if (!set) throw new Error("status set insert returned nothing");
    await tx.insert(attendanceStatuses).values(defaultStatuses().map((s) => ({ ...s, setId: set.id })));
    return set.id;
  });
}
