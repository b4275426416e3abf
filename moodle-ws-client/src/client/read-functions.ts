/**
 * Web-service functions that only read. Only these are retried after a timeout or a bad answer:
 * repeating a write could create a second event or send a message twice.
 */
export const READ_FUNCTIONS: ReadonlySet<string> = new Set([
  "core_webservice_get_site_info",
  "core_course_get_courses_by_field",
  "core_course_get_courses",
  "core_course_get_contents",
  "core_course_get_course_module",
  "core_enrol_get_enrolled_users",
  "core_enrol_get_users_courses",
  "core_group_get_course_groups",
  "core_group_get_group_members",
  "core_group_get_course_user_groups",
  "core_user_get_users_by_field",
  "core_calendar_get_calendar_events",
  "mod_forum_get_forums_by_courses",
  "mod_forum_get_forum_discussions",
  "mod_forum_get_discussion_posts",
  "mod_attendance_get_session",
  "mod_attendance_get_sessions",
  "mod_attendance_get_courses_with_today_sessions",
  "mod_assign_get_assignments",
  "mod_assign_get_submissions",
]);

/** True when `wsfunction` is known to change nothing in Moodle. */
export function isReadFunction(wsfunction: string): boolean {
  return READ_FUNCTIONS.has(wsfunction);
}
