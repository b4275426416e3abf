import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { activities, courses } from "./core.js";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A problem Moodle gave, as an i18n key below bridge.problem and its values, so the page can say why. */
export type BridgeProblemColumns = { errorKey: string | null; errorParams: Record<string, string | number> | null };

/** When a course's Moodle groups were last synced, and the last attempt's problem (null when it went well). */
export const moodleGroupSyncs = pgTable("moodle_group_syncs", {
  courseId: integer("course_id")
    .primaryKey()
    .references(() => courses.id, { onDelete: "cascade" }),
  syncedAt: tz("synced_at"),
  attemptedAt: tz("attempted_at").notNull(),
  groupCount: integer("group_count").notNull().default(0),
  errorKey: text("error_key"),
  errorParams: jsonb("error_params").$type<Record<string, string | number>>(),
});

export type SessionCalendarStatus = "pending" | "queued" | "synced" | "removed" | "failed" | "not_connected";

/**
 * The calendar state of one attendance session. No foreign key to the session: when the session is deleted this
 * row (and its event ids) must outlive it until the events are gone from Moodle.
 */
export const moodleSessionCalendar = pgTable(
  "moodle_session_calendar",
  {
    sessionId: integer("session_id").primaryKey(),
    platformId: text("platform_id").notNull(),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    status: text("status").$type<SessionCalendarStatus>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    errorKey: text("error_key"),
    errorParams: jsonb("error_params").$type<Record<string, string | number>>(),
    queuedAt: tz("queued_at"),
    updatedAt: tz("updated_at").notNull(),
  },
  (t) => [index("moodle_session_calendar_status_idx").on(t.status)],
);

/** Every calendar event Rollbook created in Moodle for a session: written right after Moodle's answer, deleted after Moodle's. */
export const moodleSessionEvents = pgTable(
  "moodle_session_events",
  {
    id: serial("id").primaryKey(),
    sessionId: integer("session_id").notNull(),
    moodleCourseId: text("moodle_course_id").notNull(),
    moodleGroupId: text("moodle_group_id"),
    moodleEventId: text("moodle_event_id").notNull(),
    /** A hash of what was sent: an event whose fingerprint is unchanged is left alone. */
    fingerprint: text("fingerprint").notNull(),
    createdAt: tz("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("moodle_session_events_event_uq").on(t.moodleCourseId, t.moodleEventId),
    index("moodle_session_events_session_idx").on(t.sessionId),
  ],
);

/** A Rollbook activity linked to a mod_attendance activity, for import (source) or export (target). */
export const moodleAttendanceLinks = pgTable(
  "moodle_attendance_links",
  {
    id: serial("id").primaryKey(),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    direction: text("direction").$type<"import" | "export">().notNull(),
    moodleAttendanceId: text("moodle_attendance_id").notNull(),
    /** Export: the Moodle user id recorded as the taker of the marks (the lecturer who set the export up). */
    takenById: text("taken_by_id"),
    lastRunAt: tz("last_run_at"),
    lastResult: jsonb("last_result"),
  },
  (t) => [uniqueIndex("moodle_attendance_links_uq").on(t.activityId, t.direction, t.moodleAttendanceId)],
);

/**
 * Which Rollbook session is which mod_attendance session (per link), so a second import or export adds nothing
 * twice. An export has one mod_attendance session per Moodle group of a Rollbook session ("0": the whole course),
 * so a row is keyed by session and group; an import row keeps "0".
 */
export const moodleAttendanceSessionMap = pgTable(
  "moodle_attendance_session_map",
  {
    linkId: integer("link_id")
      .notNull()
      .references(() => moodleAttendanceLinks.id, { onDelete: "cascade" }),
    sessionId: integer("session_id").notNull(),
    moodleGroupId: text("moodle_group_id").notNull().default("0"),
    moodleSessionId: text("moodle_session_id").notNull(),
  },
  (t) => [
    uniqueIndex("moodle_attendance_session_map_moodle_uq").on(t.linkId, t.moodleSessionId),
    uniqueIndex("moodle_attendance_session_map_group_uq").on(t.linkId, t.sessionId, t.moodleGroupId),
  ],
);
