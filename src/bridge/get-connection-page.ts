import { getActivity } from "../activities/index.js";
import type { Db } from "../db/client.js";
import { NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { authorize } from "./policy.js";
import { getConnection } from "./queries.js";

/** The admin's Moodle connection page: the activity it is opened from and the platform's stored connection. */
export async function getConnectionPage(db: Db, actor: Actor, activityId: number) {
  authorize(actor, "bridge.connect");
  const activity = await getActivity(db, actor, activityId);
  if (!activity) throw NotFound();
  return { activity, row: await getConnection(db, actor.platformId) };
}
