import {
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
import { studyClasses } from "./planning.js";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A calendar event Rollbook put into Moodle for a class: one per class (a course event) or one per student group
 * (group events). The fingerprint is what was sent; a class whose fingerprint changed gets its event deleted and
 * made again (Moodle has no web service that updates an event).
 */
export const publishedEvents = pgTable(
  "published_events",
  {
    id: serial("id").primaryKey(),
    platformId: text("platform_id").notNull(),
    classId: integer("class_id")
      .notNull()
      .references(() => studyClasses.id, { onDelete: "cascade" }),
    /** The student group's name, or "" for an event of the whole course. */
    groupName: text("group_name").notNull().default(""),
    moodleCourseId: text("moodle_course_id").notNull(),
    moodleGroupId: text("moodle_group_id"),
    moodleEventId: text("moodle_event_id").notNull(),
    fingerprint: text("fingerprint").notNull(),
    publishedAt: tz("published_at").notNull(),
  },
  (t) => [uniqueIndex("published_events_class_group_uq").on(t.classId, t.groupName)],
);

export type PublicationStatus = "published" | "failed" | "removed";

/** The outcome of the last publishing of a class, so the plan shows a result per class and "retry failed" finds them. */
export const classPublications = pgTable(
  "class_publications",
  {
    classId: integer("class_id")
      .primaryKey()
      .references(() => studyClasses.id, { onDelete: "cascade" }),
    platformId: text("platform_id").notNull(),
    status: text("status").$type<PublicationStatus>().notNull(),
    /** i18n key and values of the problem when status is failed. */
    errorKey: text("error_key"),
    errorParams: jsonb("error_params").$type<Record<string, string | number>>(),
    attemptedAt: tz("attempted_at").notNull(),
  },
  (t) => [index("class_publications_platform_idx").on(t.platformId, t.status)],
);

/** The day plan's announcement in the information course's news forum, one per date. */
export const publishedAnnouncements = pgTable(
  "published_announcements",
  {
    platformId: text("platform_id").notNull(),
    classDate: date("class_date", { mode: "string" }).notNull(),
    moodleCourseId: text("moodle_course_id").notNull(),
    forumId: text("forum_id").notNull(),
    discussionId: text("discussion_id").notNull(),
    fingerprint: text("fingerprint").notNull(),
    publishedAt: tz("published_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.classDate] })],
);

/**
 * The last attempt to announce a date's plan and how it ended, so a failure (and its reason) stays on the plan page
 * until a later attempt succeeds, whoever opens it and however it was reached.
 */
export const announcementAttempts = pgTable(
  "announcement_attempts",
  {
    platformId: text("platform_id").notNull(),
    classDate: date("class_date", { mode: "string" }).notNull(),
    status: text("status").$type<"published" | "unchanged" | "not_configured" | "failed">().notNull(),
    /** i18n key (under planning.publish.errors) and values of the problem when status is failed. */
    errorKey: text("error_key"),
    errorParams: jsonb("error_params").$type<Record<string, string | number>>(),
    attemptedAt: tz("attempted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.classDate] })],
);
