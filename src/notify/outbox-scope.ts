import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { courseMembers, courses } from "../db/schema.js";
import type { Actor } from "../lti/actor.js";
import { isListedCoordinator } from "../staff/index.js";
import { authorize, can } from "./policy.js";

/** Which messages an actor may see: the platform's, and either all of them or those about some courses. */
export interface OutboxScope {
  platformId: string;
  /** null: every message of the platform (coordinators, admins). */
  courseIds: number[] | null;
}

/**
 * The actor's outbox scope, or Forbidden (students). A lecturer's courses are the launch's course and every
 * course of the platform where the roster lists them as teaching.
 */
export async function outboxScope(db: Db, actor: Actor): Promise<OutboxScope> {
  const ctx = { isListedCoordinator: await isListedCoordinator(db, actor.platformId, actor.userId) };
  authorize(actor, "notify.view", ctx);
  if (can(actor, "notify.view_platform", ctx)) return { platformId: actor.platformId, courseIds: null };
  const taught = await db
    .select({ id: courses.id })
    .from(courseMembers)
    .innerJoin(courses, eq(courses.id, courseMembers.courseId))
    .where(
      and(
        eq(courses.platformId, actor.platformId),
        eq(courseMembers.userId, actor.userId),
        eq(courseMembers.isLearner, false),
      ),
    );
  return { platformId: actor.platformId, courseIds: [...new Set([actor.courseId, ...taught.map((c) => c.id)])] };
}
