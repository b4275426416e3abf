import { getActivity, getCourse, type ActivityRow, type CourseRow } from "./queries.js";
import type { Db } from "../db/client.js";
import { NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";

export interface ActivityScope {
  activity: ActivityRow;
  course: CourseRow;
}

/** The actor's activity and course; another course's activity is NotFound, the same as a missing one. */
export async function requireActivity(db: Db, actor: Actor, activityId: number): Promise<ActivityScope> {
  const [activity, course] = await Promise.all([getActivity(db, actor, activityId), getCourse(db, actor)]);
  if (!activity || !course) throw NotFound();
  return { activity, course };
}
