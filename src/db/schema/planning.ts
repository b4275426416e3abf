import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A study-day slot in local wall-clock time. */
export interface SlotSetting {
  no: number;
  start: string;
  end: string;
}

/** Per platform (institution): the study-day slots, the zone they are read in, and the staff course that lands on the plan. */
export const planningSettings = pgTable("planning_settings", {
  platformId: text("platform_id").primaryKey(),
  timezone: text("timezone").notNull().default("Europe/Riga"),
  slots: jsonb("slots").$type<SlotSetting[]>().notNull(),
  /** The Moodle course (LTI context id) coordinators launch from; their launch there lands on the study-day area. */
  staffContextId: text("staff_context_id"),
  /** The Moodle course (shortname or id) whose announcements forum gets each day plan's PDF. */
  infoCourseRef: text("info_course_ref"),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

/** People who coordinate study days besides the platform's Administrators. */
export const planningCoordinators = pgTable(
  "planning_coordinators",
  {
    platformId: text("platform_id").notNull(),
    userId: text("user_id").notNull(),
    name: text("name").notNull().default(""),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.userId] })],
);

/** The pool of Zoom host users per platform; concurrency 1 on Pro accounts, 2 on Business/Education. */
export const zoomHosts = pgTable(
  "zoom_hosts",
  {
    id: serial("id").primaryKey(),
    platformId: text("platform_id").notNull(),
    email: text("email").notNull(),
    zoomUserId: text("zoom_user_id"),
    concurrency: integer("concurrency").notNull().default(1),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("zoom_hosts_platform_email_uq").on(t.platformId, t.email),
    // Target of study_classes' (host, concurrency) key: a class always knows its host's concurrency.
    unique("zoom_hosts_id_concurrency_uq").on(t.id, t.concurrency),
    check("zoom_hosts_concurrency_ck", sql`${t.concurrency} between 1 and 10`),
  ],
);

export type ClassState = "planned" | "changed" | "cancelled";

/**
 * One class of a study day. A class with a Zoom host holds one of its host's lanes (1..concurrency); the migration
 * adds an exclusion constraint so that one lane never holds two overlapping classes: a host can never be over capacity.
 */
export const studyClasses = pgTable(
  "study_classes",
  {
    id: serial("id").primaryKey(),
    platformId: text("platform_id").notNull(),
    /** Natural key of an imported row (date, start, course, groups): re-importing updates instead of duplicating. */
    naturalKey: text("natural_key").notNull(),
    classDate: date("class_date", { mode: "string" }).notNull(),
    slotNo: integer("slot_no"),
    startsAt: tz("starts_at").notNull(),
    endsAt: tz("ends_at").notNull(),
    courseRef: text("course_ref").notNull(),
    moodleCourseId: text("moodle_course_id"),
    courseTitle: text("course_title").notNull().default(""),
    lecturerName: text("lecturer_name").notNull().default(""),
    lecturerEmail: text("lecturer_email").notNull().default(""),
    groups: text("groups").notNull().default(""),
    isOnline: boolean("is_online").notNull().default(true),
    room: text("room").notNull().default(""),
    state: text("state").$type<ClassState>().notNull().default("planned"),
    linkMode: text("link_mode").$type<"zoom" | "manual">().notNull().default("zoom"),
    zoomHostId: integer("zoom_host_id"),
    zoomLane: integer("zoom_lane"),
    hostConcurrency: integer("host_concurrency"),
    /** The host user the Zoom meeting lives on (it may differ from zoom_host_id until the next sync moves it). */
    meetingHostId: integer("meeting_host_id").references(() => zoomHosts.id, { onDelete: "set null" }),
    meetingId: text("meeting_id"),
    joinUrl: text("join_url"),
    passcode: text("passcode"),
    manualUrl: text("manual_url"),
    /** The last Zoom problem for this class (code), cleared when a later call succeeds. */
    zoomError: text("zoom_error"),
    zoomSyncedAt: tz("zoom_synced_at"),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("study_classes_natural_key_uq").on(t.platformId, t.naturalKey),
    index("study_classes_day_idx").on(t.platformId, t.classDate),
    foreignKey({
      name: "study_classes_host_fk",
      columns: [t.zoomHostId, t.hostConcurrency],
      foreignColumns: [zoomHosts.id, zoomHosts.concurrency],
    }).onUpdate("cascade"),
    check(
      "study_classes_lane_ck",
      sql`(${t.zoomHostId} is null and ${t.zoomLane} is null) or (${t.zoomHostId} is not null and ${t.hostConcurrency} is not null and ${t.zoomLane} between 1 and ${t.hostConcurrency})`,
    ),
    check("study_classes_time_ck", sql`${t.startsAt} < ${t.endsAt}`),
    check("study_classes_state_ck", sql`${t.state} in ('planned', 'changed', 'cancelled')`),
  ],
);

/** Every change to a class (who, when, what): later notifications say what changed from it. */
export const classChanges = pgTable(
  "class_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    classId: integer("class_id")
      .notNull()
      .references(() => studyClasses.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"imported" | "edited" | "cancelled" | "zoom">().notNull(),
    byUserId: text("by_user_id").notNull(),
    byName: text("by_name").notNull().default(""),
    /** { field: { from, to } } */
    diff: jsonb("diff").$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
    at: tz("at").notNull().defaultNow(),
  },
  (t) => [index("class_changes_class_idx").on(t.classId, t.at)],
);

/** Creates and updates per Zoom host per UTC day: Zoom allows 100 (the count resets at 00:00 UTC). */
export const zoomHostUsage = pgTable(
  "zoom_host_usage",
  {
    hostId: integer("host_id")
      .notNull()
      .references(() => zoomHosts.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    calls: integer("calls").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.day] })],
);
