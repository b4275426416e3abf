import {
  boolean,
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** The study-day timeline's settings per platform: step offsets (partial; defaults fill the rest) and holidays. */
export const timelineSettings = pgTable("timeline_settings", {
  platformId: text("platform_id").primaryKey(),
  /** Partial TimelineSettings (src/planning/timeline/study-day-timeline.ts). */
  offsets: jsonb("offsets").$type<Record<string, number | string>>().notNull().default({}),
  /** ISO dates that are not working days; null = Latvia's public holidays. */
  holidays: jsonb("holidays").$type<string[]>(),
  /** At cleanup (T+3): "delete" the day's announcement or replace it with a "held" note; null = the code's default. */
  cleanupAnnouncement: text("cleanup_announcement").$type<"delete" | "held">(),
  /** Whether cleanup also deletes the day's Zoom meetings (the participants reports are read before, at T+8 h). */
  cleanupDeletesMeetings: boolean("cleanup_deletes_meetings").notNull().default(false),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

/** A study day's automation switch: a coordinator may pause every automatic step of one date. */
export const studyDayAutomation = pgTable(
  "study_day_automation",
  {
    platformId: text("platform_id").notNull(),
    classDate: date("class_date", { mode: "string" }).notNull(),
    isPaused: boolean("is_paused").notNull().default(false),
    changedBy: text("changed_by").notNull().default(""),
    updatedAt: tz("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.classDate] })],
);

export type StepState = "pending" | "done" | "failed" | "skipped";

/**
 * The state of one step of one study day: a row per class (class_id > 0) for the steps done class by class
 * (reminders, publishing, cleanup), and class_id 0 for the day as a whole. What the step did (message ids, counts)
 * is in `result`; a failed row keeps its reason (an i18n key under timeline.reasons) and when to try again.
 */
export const timelineSteps = pgTable(
  "timeline_steps",
  {
    id: serial("id").primaryKey(),
    platformId: text("platform_id").notNull(),
    classDate: date("class_date", { mode: "string" }).notNull(),
    step: text("step").notNull(),
    classId: integer("class_id").notNull().default(0),
    state: text("state").$type<StepState>().notNull(),
    reasonKey: text("reason_key"),
    reasonParams: jsonb("reason_params").$type<Record<string, string | number>>(),
    attempts: integer("attempts").notNull().default(0),
    nextTryAt: tz("next_try_at"),
    /** The outbox message this row queued (reminders, cancellations). */
    messageId: bigint("message_id", { mode: "number" }),
    result: jsonb("result").$type<Record<string, unknown>>(),
    doneAt: tz("done_at"),
    updatedAt: tz("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("timeline_steps_uq").on(t.platformId, t.classDate, t.step, t.classId),
    index("timeline_steps_day_idx").on(t.platformId, t.classDate),
  ],
);

/** A lecturer's answer through the signed link in their reminder: confirmed, or asks for help (with a note). */
export const lecturerReplies = pgTable(
  "lecturer_replies",
  {
    platformId: text("platform_id").notNull(),
    classDate: date("class_date", { mode: "string" }).notNull(),
    /** The lecturer's email as the schedule has it, lower case. */
    email: text("email").notNull(),
    answer: text("answer").$type<"confirmed" | "help">().notNull(),
    note: text("note").notNull().default(""),
    updatedAt: tz("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.classDate, t.email] })],
);

/**
 * Zoom's webhook events as received (meeting.started / meeting.ended), one row per signature: a replayed request
 * (the same signed body and timestamp) is refused by the unique index. The live page reads the classes' state here.
 */
export const zoomMeetingEvents = pgTable(
  "zoom_meeting_events",
  {
    id: serial("id").primaryKey(),
    signature: text("signature").notNull(),
    event: text("event").notNull(),
    meetingId: text("meeting_id").notNull(),
    meetingUuid: text("meeting_uuid").notNull().default(""),
    occurredAt: tz("occurred_at").notNull(),
    receivedAt: tz("received_at").notNull(),
  },
  (t) => [
    uniqueIndex("zoom_meeting_events_signature_uq").on(t.signature),
    index("zoom_meeting_events_meeting_idx").on(t.meetingId),
  ],
);

/**
 * The attendee count a lecturer gave through their link, per class. It stands where Zoom's report has nothing, and
 * over Zoom's report when given after it (a correction).
 */
export const lecturerCounts = pgTable("lecturer_counts", {
  classId: integer("class_id").primaryKey(),
  platformId: text("platform_id").notNull(),
  classDate: date("class_date", { mode: "string" }).notNull(),
  email: text("email").notNull(),
  attendees: integer("attendees").notNull(),
  updatedAt: tz("updated_at").notNull(),
});
