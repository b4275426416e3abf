import { Router } from "express";
import { idParam } from "../http/forms.js";
import { requireActivity } from "../activities/index.js";
import { Conflict } from "../errors.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import type { BridgeRouteDeps } from "./routes.js";
import { authorize } from "./policy.js";
import { refreshCourseGroups } from "./refresh-course-groups.js";

/** "Sync groups from Moodle now" on the groups page; the page then shows the stored outcome. */
export function groupsSyncRoutes({ db, encryptionKey, now, moodleTuning }: BridgeRouteDeps): Router {
  const r = Router();
  r.post("/activities/:activityId/groups/sync", requireActivityActor(db, now), async (req, res) => {
    const actor = actorOf(res);
    authorize(actor, "bridge.sync");
    const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
    const outcome = await refreshCourseGroups(
      db,
      encryptionKey,
      { id: course.id, contextId: course.contextId, platformId: actor.platformId },
      now(),
      moodleTuning,
    );
    if (!outcome) throw Conflict("bridge.not_connected");
    res.redirect(303, `/activities/${activity.id}/groups?synced=${outcome.problem ? "0" : "1"}`);
  });
  return r;
}
