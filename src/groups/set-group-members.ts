import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { courseGroupMembers, courseMembers } from "../db/schema.js";
import { Conflict, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { authorize } from "./policy.js";
import { getGroup } from "./queries.js";

/** Replaces a tool group's members with these course members (ids not on the course roster are ignored). Moodle's groups are read-only here. */
export async function setGroupMembers(db: Db, actor: Actor, groupId: number, userIds: string[]): Promise<number> {
  authorize(actor, "groups.manage");
  const group = await getGroup(db, actor, groupId);
  if (!group) throw NotFound();
  if (group.source !== "tool") throw Conflict("groups.moodle_read_only");
  const known =
    userIds.length === 0
      ? []
      : await db
          .select({ userId: courseMembers.userId })
          .from(courseMembers)
          .where(and(eq(courseMembers.courseId, actor.courseId), inArray(courseMembers.userId, userIds)));
  await db.transaction(async (tx) => {
    await tx.delete(courseGroupMembers).where(eq(courseGroupMembers.groupId, groupId));
    if (known.length > 0)
      await tx
        .insert(courseGroupMembers)
        .values(known.map((k) => ({ groupId, courseId: actor.courseId, userId: k.userId })));
  });
  return known.length;
}
