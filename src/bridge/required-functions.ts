/** What a web-service function is for in Rollbook (an i18n key under bridge.area.*). */
export type BridgeArea =
  "site" | "course" | "groups" | "calendar" | "announcements" | "messages" | "files" | "attendance";

/** One function Rollbook's external service in Moodle must contain, with the capabilities its token user needs. */
export interface RequiredFunction {
  name: string;
  area: BridgeArea;
  capabilities: readonly string[];
}

const f = (name: string, area: BridgeArea, ...capabilities: string[]): RequiredFunction => ({
  name,
  area,
  capabilities,
});

/**
 * Every function Rollbook calls (issues 5 and 6), in the order an admin adds them to the external service.
 * Capabilities are those of the token's user, in the course (or module) context; see moodle-ws-client/README.md.
 */
export const REQUIRED_FUNCTIONS: readonly RequiredFunction[] = [
  f("core_webservice_get_site_info", "site", "webservice/rest:use"),
  f("core_course_get_courses_by_field", "course", "moodle/course:view"),
  f("core_course_get_contents", "course", "moodle/course:view", "moodle/course:viewhiddenactivities"),
  f("core_course_update_courses", "course", "moodle/course:update", "moodle/course:changesummary"),
  f(
    "core_enrol_get_enrolled_users",
    "groups",
    "moodle/course:viewparticipants",
    "moodle/user:viewdetails",
    "moodle/site:accessallgroups",
  ),
  f("core_user_get_users_by_field", "groups", "moodle/user:viewdetails"),
  f("core_group_get_course_groups", "groups", "moodle/course:managegroups"),
  f("core_group_get_group_members", "groups", "moodle/course:managegroups"),
  f(
    "core_calendar_create_calendar_events",
    "calendar",
    "moodle/calendar:manageentries",
    "moodle/calendar:managegroupentries",
  ),
  f("core_calendar_get_calendar_events", "calendar", "moodle/site:accessallgroups"),
  f(
    "core_calendar_delete_calendar_events",
    "calendar",
    "moodle/calendar:manageentries",
    "moodle/calendar:managegroupentries",
  ),
  f("mod_forum_get_forums_by_courses", "announcements", "mod/forum:viewdiscussion"),
  f(
    "mod_forum_add_discussion",
    "announcements",
    "mod/forum:addnews",
    "mod/forum:startdiscussion",
    "mod/forum:createattachment",
  ),
  f("mod_forum_get_forum_discussions", "announcements", "mod/forum:viewdiscussion"),
  f("mod_forum_delete_post", "announcements", "mod/forum:deleteownpost"),
  f("core_message_send_instant_messages", "messages", "moodle/site:sendmessage"),
  f("core_files_upload", "files", "moodle/user:manageownfiles"),
  f("mod_attendance_add_attendance", "attendance", "mod/attendance:addinstance", "moodle/course:manageactivities"),
  f("mod_attendance_remove_attendance", "attendance", "mod/attendance:manageattendances"),
  f("mod_attendance_add_session", "attendance", "mod/attendance:manageattendances"),
  f("mod_attendance_remove_session", "attendance", "mod/attendance:manageattendances"),
  f("mod_attendance_get_session", "attendance", "mod/attendance:manageattendances"),
  f("mod_attendance_get_sessions", "attendance", "mod/attendance:manageattendances"),
  f("mod_attendance_update_user_status", "attendance", "mod/attendance:view", "mod/attendance:takeattendances"),
  f("mod_attendance_get_courses_with_today_sessions", "attendance", "mod/attendance:takeattendances"),
];

/** The required functions by name. */
export const REQUIRED_BY_NAME: ReadonlyMap<string, RequiredFunction> = new Map(
  REQUIRED_FUNCTIONS.map((r) => [r.name, r]),
);

/** Every capability the token's user needs, once each, sorted: what to give its role in Moodle. */
export function requiredCapabilities(): string[] {
  return [...new Set(REQUIRED_FUNCTIONS.flatMap((r) => r.capabilities))].sort();
}
