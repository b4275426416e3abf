import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * ltijs's collections (platform, keys, tokens, nonces, states) in one table.
 * `doc` holds the plain document, or only its index fields when ltijs encrypts it into `iv`/`data`.
 */
export const ltiStore = pgTable(
  "lti_store",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    collection: text("collection").notNull(),
    doc: jsonb("doc").$type<Record<string, unknown>>().notNull(),
    iv: text("iv"),
    data: text("data"),
    createdAt: tz("created_at").notNull().defaultNow(),
    expiresAt: tz("expires_at"),
    /** For documents written by Replace: the query they were replaced by, so an upsert is one statement. */
    replaceKey: text("replace_key"),
  },
  (t) => [
    uniqueIndex("lti_store_replace_key_uq").on(t.collection, t.replaceKey),
    index("lti_store_collection_doc_idx").using("gin", t.doc),
    index("lti_store_collection_idx").on(t.collection),
    index("lti_store_expires_idx")
      .on(t.expiresAt)
      .where(sql`${t.expiresAt} is not null`),
  ],
);

/** A signed-in person after a verified launch; the cookie holds only the random id. */
export const appSessions = pgTable(
  "app_sessions",
  {
    id: text("id").primaryKey(),
    /** The browser's own random id (cookie): a session is only usable from the browser that launched it. */
    browserId: text("browser_id").notNull(),
    kind: text("kind").$type<"resource" | "deeplink">().notNull(),
    activityId: integer("activity_id"),
    actor: jsonb("actor").notNull(),
    /** Deep-linking sessions keep ltijs's launch token: the response to Moodle is signed from it. */
    launchToken: jsonb("launch_token"),
    createdAt: tz("created_at").notNull().defaultNow(),
    expiresAt: tz("expires_at").notNull(),
  },
  (t) => [
    index("app_sessions_expires_idx").on(t.expiresAt),
    index("app_sessions_browser_activity_idx").on(t.browserId, t.activityId),
  ],
);

/** A Moodle course seen through a launch, per platform (ltijs platform id). */
export const courses = pgTable(
  "courses",
  {
    id: serial("id").primaryKey(),
    platformId: text("platform_id").notNull(),
    contextId: text("context_id").notNull(),
    label: text("label").notNull().default(""),
    title: text("title").notNull().default(""),
    timezone: text("timezone").notNull().default("Europe/Riga"),
    membershipsUrl: text("memberships_url"),
    rosterSyncedAt: tz("roster_synced_at"),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("courses_platform_context_uq").on(t.platformId, t.contextId)],
);

/** An attendance activity: one Moodle resource link (bound on its first launch). */
export const activities = pgTable(
  "activities",
  {
    id: serial("id").primaryKey(),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    resourceLinkId: text("resource_link_id"),
    /** Our own id for the link, sent as a custom parameter from deep linking so the first launch finds it. */
    linkKey: text("link_key").notNull(),
    title: text("title").notNull(),
    hasGradeColumn: boolean("has_grade_column").notNull().default(false),
    scoreMaximum: real("score_maximum"),
    lineItemUrl: text("line_item_url"),
    createdBy: text("created_by"),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("activities_course_link_uq").on(t.courseId, t.resourceLinkId),
    uniqueIndex("activities_link_key_uq").on(t.linkKey),
  ],
);

/** Course members from Names and Roles; people who leave stay, marked not enrolled. */
export const courseMembers = pgTable(
  "course_members",
  {
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    name: text("name").notNull().default(""),
    givenName: text("given_name").notNull().default(""),
    familyName: text("family_name").notNull().default(""),
    email: text("email"),
    username: text("username"),
    roles: jsonb("roles").$type<string[]>().notNull().default([]),
    isLearner: boolean("is_learner").notNull().default(false),
    isEnrolled: boolean("is_enrolled").notNull().default(true),
    /** The language of the member's last launch (messages to them are written in it); null: never launched. */
    locale: text("locale").$type<"lv" | "en">(),
    leftAt: tz("left_at"),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId] })],
);

/** Small key/value settings the tool makes for itself (e.g. the demo platform's key pair). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

/**
 * One-time form tokens that were used: a form that creates something carries a random token, and the first post
 * with it claims the row, so back + re-submit (or a double click, on any web process) creates nothing twice.
 */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    token: text("token").primaryKey(),
    /** What the form was for (e.g. "attendance.sessions:<activity id>"): a token works for one form only. */
    scope: text("scope").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [index("form_submissions_created_idx").on(t.createdAt)],
);
