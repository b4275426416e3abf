import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { attendanceSettings } from "../../db/schema.js";
import type { Actor } from "../../lti/actor.js";
import { ensureStatusSets } from "./ensure-status-sets.js";
import { enqueueAllGrades } from "../grades/enqueue-grades.js";
import { authorize } from "../policy.js";
import { requireActivity } from "../../activities/index.js";

export const updateSettingsSchema = z.object({ percentBasis: z.enum(["taken", "all"], { error: "errors.invalid" }) });
export type UpdateSettingsInput = z.infer<typeof updateSettingsSchema>;

/** Chooses which percentage counts (and is sent to the gradebook). */
export async function updateSettings(
  db: Db,
  actor: Actor,
  activityId: number,
  input: UpdateSettingsInput,
  now: Date,
): Promise<void> {
  authorize(actor, "attendance.manage");
  const { activity, course } = await requireActivity(db, actor, activityId);
  await ensureStatusSets(db, activityId);
  await db
    .update(attendanceSettings)
    .set({ percentBasis: input.percentBasis, updatedAt: now })
    .where(eq(attendanceSettings.activityId, activityId));
  await enqueueAllGrades(db, activity, course.id, now);
}
