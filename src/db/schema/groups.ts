import {
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { courseMembers, courses } from "./core.js";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A group of a course: made by a lecturer in the tool (source 'tool') or copied from Moodle (source 'moodle',
 * with Moodle's group id). Kept generic so the web-services bridge can fill the same table.
 */
export const courseGroups = pgTable(
  "course_groups",
  {
    id: serial("id").primaryKey(),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    moodleGroupId: text("moodle_group_id"),
    name: text("name").notNull(),
    source: text("source").$type<"moodle" | "tool">().notNull().default("tool"),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("course_groups_moodle_uq").on(t.courseId, t.moodleGroupId),
    index("course_groups_course_idx").on(t.courseId),
  ],
);

/** Who is in a group: course members by their LTI user id. */
export const courseGroupMembers = pgTable(
  "course_group_members",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => courseGroups.id, { onDelete: "cascade" }),
    courseId: integer("course_id").notNull(),
    userId: text("user_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    foreignKey({
      columns: [t.courseId, t.userId],
      foreignColumns: [courseMembers.courseId, courseMembers.userId],
    }).onDelete("cascade"),
    index("course_group_members_user_idx").on(t.courseId, t.userId),
  ],
);
