/**
 * What a data-protection request does to each table, in one place (docs/privacy.md says the same in words).
 * `test/privacy/tables.test.ts` checks that every table of src/db/schema is named here, so a new table cannot be
 * forgotten: it must be added to PERSON_TABLES or to OTHER_TABLES with the reason it holds nobody's data.
 *
 * - delete: the person's rows go.
 * - anonymise: the row stays for the course's records, under a random pseudonym and without name, e-mail or note.
 * - pseudonymise: the person appears only as the one who did something (marked, created, changed); the row is
 *   someone else's record, so only the person's id (and name) is replaced by the pseudonym.
 */
export type PrivacyAction = "delete" | "anonymise" | "pseudonymise";

export const PERSON_TABLES: Readonly<Record<string, readonly PrivacyAction[]>> = Object.freeze({
  lti_store: ["delete"], // ltijs's idtoken and contexttoken documents of their launches (name, e-mail, roles)
  app_sessions: ["delete"], // their signed-in sessions: the request also signs them out
  course_members: ["anonymise"], // roster rows: kept (as "left") so past registers and reports add up
  course_group_members: ["anonymise"], // follows the roster row, so group sessions' registers still list the marks
  attendance_marks: ["anonymise", "pseudonymise"], // the register's marks (remark cleared); marked_by
  attendance_mark_history: ["anonymise", "pseudonymise"], // the register's history (remarks cleared); changed_by
  attendance_grade_queue: ["delete"], // grades waiting for Moodle: nothing to send for a pseudonym
  attendance_sessions: ["pseudonymise"], // lecturer_user_id, created_by
  activities: ["pseudonymise"], // created_by
  checkin_attempts: ["delete"], // the attempt log (address, browser, device)
  checkin_devices: ["delete"], // which phone checked them in
  checkin_guess_counts: ["delete"], // their wrong-code counters (who = u:<user id>)
  followup_warnings: ["anonymise"], // kept so the pseudonym is not warned about the same facts again
  followup_contacts: ["delete", "pseudonymise"], // the contact log about them; by_user_id when they contacted others
  excuses: ["delete", "pseudonymise"], // their excuse requests (reason); decided_by, decided_by_name when they decided others'
  excuse_files: ["delete"], // the files attached to their requests
  followup_rules: ["pseudonymise"], // updated_by; their address leaves the mentors' list
  notify_messages: ["delete"], // messages about them (follow-up warnings, contact messages)
  notify_deliveries: ["delete"], // every delivery addressed to them (by user id, Moodle id or e-mail)
  notify_opt_outs: ["delete"],
  moodle_message_recipients: ["delete"], // a lecturer's Moodle message to them
  moodle_message_requests: ["pseudonymise"], // sender_user_id
  moodle_connections: ["pseudonymise"], // updated_by
  planning_coordinators: ["delete"],
  study_classes: ["anonymise"], // classes they teach (by e-mail): name and e-mail cleared, the class stays
  class_changes: ["pseudonymise"], // by_user_id, by_name; their name and e-mail in the changes' from/to
  lecturer_replies: ["delete"], // their answers to reminders (with a note)
  lecturer_counts: ["anonymise"], // the attendee count they gave stays, their e-mail goes
  study_day_automation: ["pseudonymise"], // changed_by
});

/** Tables that hold no one's personal data (or none the tool can attribute to a Moodle user), with the reason. */
export const OTHER_TABLES: Readonly<Record<string, string>> = Object.freeze({
  courses: "Moodle courses: ids and titles",
  settings: "the tool's own keys and settings",
  form_submissions: "one-time form tokens: random, no user",
  attendance_settings: "an activity's settings",
  attendance_status_sets: "an activity's status sets",
  attendance_statuses: "statuses (P, L, E, A)",
  attendance_session_groups: "which groups a session is for",
  checkin_settings: "a session's check-in settings",
  checkin_options: "an activity's check-in options",
  checkin_pending: "a scan waiting for a launch: keyed by a random browser id, no user id; gone after 30 minutes",
  course_groups: "group names",
  notify_kind_settings: "a platform's channels per message kind",
  planning_settings: "a platform's slots and courses",
  zoom_hosts: "the college's Zoom host accounts (renamed on the Zoom hosts page, not by a person's request)",
  zoom_host_usage: "API calls per host and day",
  published_events: "Moodle calendar event ids",
  class_publications: "publishing outcome per class",
  published_announcements: "forum post ids per date",
  announcement_attempts: "announcement outcome per date",
  timeline_settings: "a platform's study-day timeline settings",
  timeline_steps: "study-day step states: counts and message ids, no person",
  zoom_meeting_events: "Zoom webhook events: meeting ids and times",
  registration_links: "the operator's registration links (hashes)",
  moodle_group_syncs: "when a course's groups were synced",
  moodle_session_calendar: "a session's calendar state",
  moodle_session_events: "Moodle calendar event ids",
  moodle_attendance_links:
    "the Moodle attendance a course exports to; taken_by_id is the Moodle account the export writes as, " +
    "configuration that is set up again by another lecturer rather than rewritten",
  moodle_attendance_session_map: "session id pairs",
});
