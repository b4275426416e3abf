import type { CourseRow } from "../activities/index.js";
import type { Db } from "../db/client.js";
import type { T } from "../i18n/i18n.js";
import type { Actor } from "../lti/actor.js";
import { mapSessionCalendar } from "./calendar-queries.js";
import { presentCalendarBadge, presentGroupSync, type CalendarBadge, type GroupSyncView } from "./present-sync.js";
import { getConnection, getGroupSync } from "./queries.js";

/** The sessions list's Moodle calendar badge per session (null where the session never went to Moodle). */
export async function sessionBadges(
  db: Db,
  courseId: number,
  sessionIds: number[],
  t: T,
): Promise<Record<number, CalendarBadge | null>> {
  const states = await mapSessionCalendar(db, courseId, sessionIds);
  return Object.fromEntries(sessionIds.map((id) => [id, presentCalendarBadge(states.get(id), t)]));
}

/** The groups page's Moodle card: connected or not, the last sync and its problem. */
export async function moodleGroupSync(db: Db, actor: Actor, course: CourseRow, t: T): Promise<GroupSyncView> {
  const [connection, sync] = await Promise.all([getConnection(db, actor.platformId), getGroupSync(db, course.id)]);
  return presentGroupSync(connection !== null, sync, t, course.timezone, actor.locale);
}
