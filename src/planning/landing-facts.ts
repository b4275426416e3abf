import type { Db } from "../db/client.js";
import type { Actor } from "../lti/actor.js";
import { can } from "./policy.js";
import { isListedCoordinator } from "../staff/index.js";
import { getPlanningSettings } from "./queries.js";

/** Does this launch come from a coordinator in the platform's staff course (so it should land on the study-day area)? */
export async function isStudyDayLaunch(db: Db, actor: Actor): Promise<boolean> {
  if (actor.activityId === null) return false;
  const settings = await getPlanningSettings(db, actor.platformId);
  if (!settings.staffContextId || settings.staffContextId !== actor.contextId) return false;
  return can(actor, "planning.coordinate", {
    isListedCoordinator: await isListedCoordinator(db, actor.platformId, actor.userId),
  });
}
