import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { courseMembers } from "../db/schema.js";
import { NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { isListedCoordinator } from "../staff/index.js";
import { authorize, can } from "./policy.js";
import { listScopeActivities, type ScopeActivity } from "./queries.js";

/**
 * The activity and student a follow-up student page or contact is about, or NotFound: the launched activity for
 * lecturers, any activity of the platform for coordinators and admins; the student must be a learner of that
 * activity's course. Another course's student is NotFound, the same answer as a missing one.
 */
export async function requireStudentScope(
  db: Db,
  actor: Actor,
  targetActivityId: number,
  userId: string,
): Promise<{ activity: ScopeActivity; student: typeof courseMembers.$inferSelect }> {
  const ctx = { isListedCoordinator: await isListedCoordinator(db, actor.platformId, actor.userId) };
  authorize(actor, "followup.view", ctx);
  if (targetActivityId !== actor.activityId && !can(actor, "followup.view_platform", ctx)) throw NotFound();
  const [activity] = await listScopeActivities(db, actor.platformId, targetActivityId);
  if (!activity) throw NotFound();
  const [student] = await db
    .select()
    .from(courseMembers)
    .where(
      and(
        eq(courseMembers.courseId, activity.courseId),
        eq(courseMembers.userId, userId),
        eq(courseMembers.isLearner, true),
      ),
    );
  if (!student) throw NotFound();
  return { activity, student };
}
