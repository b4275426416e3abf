import type { CourseRow } from "../activities/index.js";
import type { Db } from "../db/client.js";
import type { Actor } from "../lti/actor.js";
import { getGroupAudience } from "./class-audience.js";
import { listUpcomingClasses, type UpcomingClassView } from "./upcoming-classes.js";

/** The course's coming study-day classes as a lecturer's home shows them (every group). */
export function upcomingClassesForCourse(
  db: Db,
  actor: Actor,
  course: CourseRow,
  now: Date,
): Promise<UpcomingClassView[]> {
  return listUpcomingClasses(db, actor.platformId, course, actor.locale, now);
}

/** The coming study-day classes of the student's own groups, for their home page. */
export async function upcomingClassesForStudent(
  db: Db,
  actor: Actor,
  course: CourseRow,
  now: Date,
): Promise<UpcomingClassView[]> {
  const audience = await getGroupAudience(db, course.id, actor.userId);
  return listUpcomingClasses(db, actor.platformId, course, actor.locale, now, audience);
}
