import { requireActivity } from "../../activities/index.js";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lti/actor.js";
import { authorize } from "../policy.js";

/** The sessions import form, empty. */
export async function getSessionsImportPage(db: Db, actor: Actor, activityId: number) {
  authorize(actor, "attendance.manage");
  const { activity } = await requireActivity(db, actor, activityId);
  return { activityId: activity.id, csv: "", problems: [] };
}

/** The marks import form, after an import with how many marks it saved. */
export async function getMarksImportPage(db: Db, actor: Actor, activityId: number, imported: number | null) {
  authorize(actor, "attendance.take");
  const { activity } = await requireActivity(db, actor, activityId);
  return { activityId: activity.id, problems: [], imported };
}
