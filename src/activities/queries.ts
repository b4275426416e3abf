import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { comparePeople } from "../i18n/compare-people.js";
import { activities, courseMembers, courses } from "../db/schema.js";
import type { Actor } from "../lti/actor.js";

export type ActivityRow = typeof activities.$inferSelect;
export type CourseRow = typeof courses.$inferSelect;
export type MemberRow = typeof courseMembers.$inferSelect;

/** The actor's activity; another course's activity answers null, the same as a missing one. */
export async function getActivity(db: Db, actor: Actor, activityId: number): Promise<ActivityRow | null> {
  const [row] = await db
    .select()
    .from(activities)
    .where(and(eq(activities.id, activityId), eq(activities.courseId, actor.courseId)))
    .limit(1);
  return row ?? null;
}

/** The actor's course. */
export async function getCourse(db: Db, actor: Actor): Promise<CourseRow | null> {
  const [row] = await db
    .select()
    .from(courses)
    .where(and(eq(courses.id, actor.courseId), eq(courses.platformId, actor.platformId)))
    .limit(1);
  return row ?? null;
}

/** Everyone on the actor's course roster, enrolled first, then in the one order of people (comparePeople). */
export async function listMembers(db: Db, actor: Actor): Promise<MemberRow[]> {
  const rows = await db.select().from(courseMembers).where(eq(courseMembers.courseId, actor.courseId));
  return rows.sort((a, b) => Number(b.isEnrolled) - Number(a.isEnrolled) || comparePeople(a, b));
}
