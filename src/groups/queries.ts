import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { courseGroupMembers, courseGroups } from "../db/schema.js";
import type { Actor } from "../lti/actor.js";

export type GroupRow = typeof courseGroups.$inferSelect;
export interface GroupWithMembers extends GroupRow {
  userIds: string[];
}

/** The actor's course groups by name, each with its members' user ids. */
export async function listGroups(db: Db, actor: Pick<Actor, "courseId">): Promise<GroupWithMembers[]> {
  const groups = await db
    .select()
    .from(courseGroups)
    .where(eq(courseGroups.courseId, actor.courseId))
    .orderBy(asc(courseGroups.name), asc(courseGroups.id));
  if (groups.length === 0) return [];
  const members = await db
    .select()
    .from(courseGroupMembers)
    .where(
      inArray(
        courseGroupMembers.groupId,
        groups.map((g) => g.id),
      ),
    );
  return groups.map((g) => ({ ...g, userIds: members.filter((m) => m.groupId === g.id).map((m) => m.userId) }));
}

/** A group of the actor's course, or null (another course's group is the same as a missing one). */
export async function getGroup(db: Db, actor: Pick<Actor, "courseId">, groupId: number): Promise<GroupRow | null> {
  const [row] = await db
    .select()
    .from(courseGroups)
    .where(and(eq(courseGroups.id, groupId), eq(courseGroups.courseId, actor.courseId)))
    .limit(1);
  return row ?? null;
}

/** Which of these ids are groups of the actor's course. */
export async function ownGroupIds(db: Db, actor: Pick<Actor, "courseId">, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: courseGroups.id })
    .from(courseGroups)
    .where(and(eq(courseGroups.courseId, actor.courseId), inArray(courseGroups.id, ids)));
  return rows.map((r) => r.id);
}
