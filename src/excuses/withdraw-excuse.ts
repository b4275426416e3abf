import { and, eq } from "drizzle-orm";
import { requireActivity } from "../activities/index.js";
import type { Db } from "../db/client.js";
import { excuses } from "../db/schema.js";
import { Conflict, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { authorize } from "./policy.js";
import { getExcuse } from "./queries.js";

/**
 * A student takes back their own request while it waits; withdrawing twice changes nothing, a decided one stays
 * decided. Another student's request is NotFound. The lecturers' message, if not sent yet, is then skipped.
 */
export async function withdrawExcuse(db: Db, actor: Actor, activityId: number, excuseId: number, now: Date) {
  authorize(actor, "excuses.submit");
  const { activity } = await requireActivity(db, actor, activityId);
  const excuse = await getExcuse(db, activity.id, excuseId);
  if (!excuse || excuse.userId !== actor.userId) throw NotFound();
  if (excuse.state === "withdrawn") return;
  const [done] = await db
    .update(excuses)
    .set({ state: "withdrawn", updatedAt: now })
    .where(and(eq(excuses.id, excuse.id), eq(excuses.state, "waiting")))
    .returning({ id: excuses.id });
  if (!done) throw Conflict("excuses.errors.already_decided");
}
