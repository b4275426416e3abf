import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { courseGroups } from "../db/schema.js";
import { Conflict, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { authorize } from "./policy.js";
import { getGroup } from "./queries.js";

/** Deletes a tool group; sessions that were only for it become whole-course sessions. */
export async function deleteGroup(db: Db, actor: Actor, groupId: number): Promise<void> {
  authorize(actor, "groups.manage");
  const group = await getGroup(db, actor, groupId);
  if (!group) throw NotFound();
  if (group.source !== "tool") throw Conflict("groups.moodle_read_only");
  await db.delete(courseGroups).where(eq(courseGroups.id, groupId));
}
