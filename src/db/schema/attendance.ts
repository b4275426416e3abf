import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { activities } from "./core.js";
import { courseGroups } from "./groups.js";

/** Who made a mark: a lecturer, the student's own check-in, the automatic close at the session's end, or an import from Moodle's Attendance plugin. */
export type MarkKind = "lecturer" | "self" | "auto" | "import";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Per-activity attendance settings; a missing row means the defaults. */
export const attendanceSettings = pgTable("attendance_settings", {
  activityId: integer("activity_id")
    .primaryKey()
    .references(() => activities.id, { onDelete: "cascade" }),
  /** Which percentage counts for the grade and the "below X %" filter: over taken sessions, or over all sessions held so far. */
  percentBasis: text("percent_basis").$type<"taken" | "all">().notNull().default("taken"),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

/** A named set of statuses; an activity has one or more, each session uses one. */
export const attendanceStatusSets = pgTable(
  "attendance_status_sets",
  {
    id: serial("id").primaryKey(),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    name: text("name").notNull().default(""),
    position: integer("position").notNull().default(0),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [index("attendance_status_sets_activity_idx").on(t.activityId)],
);

/**
 * One status (P, L, E, A...). `defaultKey` marks a default status whose label follows the reader's language
 * while `description` is null; a lecturer's rename sets `description`.
 */
export const attendanceStatuses = pgTable(
  "attendance_statuses",
  {
    id: serial("id").primaryKey(),
    setId: integer("set_id")
      .notNull()
      .references(() => attendanceStatusSets.id, { onDelete: "cascade" }),
    acronym: text("acronym").notNull(),
    defaultKey: text("default_key").$type<"present" | "late" | "excused" | "absent">(),
    description: text("description"),
    points: real("points").notNull().default(0),
    position: integer("position").notNull().default(0),
    isHidden: boolean("is_hidden").notNull().default(false),
    /** Self check-in may give this status until this many minutes after the start (null: never by self check-in). */
    checkinUntilMinutes: integer("checkin_until_minutes"),
    /** Students still unmarked when the session closes get this status (at most one per set). */
    isUnmarkedDefault: boolean("is_unmarked_default").notNull().default(false),
  },
  (t) => [
    index("attendance_statuses_set_idx").on(t.setId),
    uniqueIndex("attendance_statuses_unmarked_uq")
      .on(t.setId)
      .where(sql`${t.isUnmarkedDefault}`),
  ],
);

/** One class meeting. `seriesId` ties the sessions made by one repeat rule. */
export const attendanceSessions = pgTable(
  "attendance_sessions",
  {
    id: serial("id").primaryKey(),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    setId: integer("set_id")
      .notNull()
      .references(() => attendanceStatusSets.id),
    startsAt: tz("starts_at").notNull(),
    endsAt: tz("ends_at").notNull(),
    description: text("description").notNull().default(""),
    room: text("room"),
    lecturerUserId: text("lecturer_user_id"),
    seriesId: text("series_id"),
    /** When attendance was last taken (null: not taken yet). */
    takenAt: tz("taken_at"),
    /** When the register was closed (by a lecturer, or by the job at the session's end): unmarked students got the set's status. */
    closedAt: tz("closed_at"),
    createdBy: text("created_by"),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("attendance_sessions_activity_start_idx").on(t.activityId, t.startsAt),
    index("attendance_sessions_open_end_idx")
      .on(t.endsAt)
      .where(sql`${t.closedAt} is null`),
  ],
);

/** The groups a session is for; none means the whole course. */
export const attendanceSessionGroups = pgTable(
  "attendance_session_groups",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => attendanceSessions.id, { onDelete: "cascade" }),
    groupId: integer("group_id")
      .notNull()
      .references(() => courseGroups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.groupId] })],
);

/** A student's mark in a session: one row per session and student (upserted). */
export const attendanceMarks = pgTable(
  "attendance_marks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => attendanceSessions.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    statusId: integer("status_id")
      .notNull()
      .references(() => attendanceStatuses.id),
    remark: text("remark").notNull().default(""),
    /** lecturer, self (a student's check-in), auto (unmarked when the session closed by itself at its end), or import (from mod_attendance; markedBy is the importing lecturer). */
    by: text("by").$type<MarkKind>().notNull().default("lecturer"),
    markedBy: text("marked_by").notNull(),
    markedAt: tz("marked_at").notNull(),
  },
  (t) => [
    uniqueIndex("attendance_marks_session_user_uq").on(t.sessionId, t.userId),
    index("attendance_marks_status_idx").on(t.statusId),
  ],
);

/** Every change of a mark: who, when, from what to what. */
export const attendanceMarkHistory = pgTable(
  "attendance_mark_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => attendanceSessions.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    fromStatusId: integer("from_status_id"),
    toStatusId: integer("to_status_id"),
    fromRemark: text("from_remark"),
    toRemark: text("to_remark"),
    by: text("by").$type<MarkKind>().notNull(),
    changedBy: text("changed_by").notNull(),
    changedAt: tz("changed_at").notNull(),
  },
  (t) => [index("attendance_mark_history_session_user_idx").on(t.sessionId, t.userId)],
);

/** Grades waiting to be sent to Moodle: one row per activity and student, retried with back-off. */
export const attendanceGradeQueue = pgTable(
  "attendance_grade_queue",
  {
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    dueAt: tz("due_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.userId] }), index("attendance_grade_queue_due_idx").on(t.dueAt)],
);
