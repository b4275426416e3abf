import { integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { courses } from "./core.js";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * How Rollbook reaches one registered Moodle's web services (one row per ltijs platform id).
 * The token is stored only sealed (AES-256-GCM, see src/bridge/token-crypto.ts); `tokenHint` is its last 4 characters.
 */
export const moodleConnections = pgTable("moodle_connections", {
  platformId: text("platform_id").primaryKey(),
  baseUrl: text("base_url").notNull(),
  tokenSealed: text("token_sealed").notNull(),
  tokenHint: text("token_hint").notNull(),
  updatedBy: text("updated_by"),
  updatedAt: tz("updated_at").notNull().defaultNow(),
  lastCheckedAt: tz("last_checked_at"),
  /** The last connection check's report (src/bridge/check-connection.ts ConnectionReport), for the admin page. */
  lastCheck: jsonb("last_check"),
});

/** One "send a message" request of a lecturer; the request id makes a repeated submit send nothing twice. */
export const moodleMessageRequests = pgTable(
  "moodle_message_requests",
  {
    id: serial("id").primaryKey(),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    requestId: text("request_id").notNull(),
    senderUserId: text("sender_user_id").notNull(),
    text: text("text").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("moodle_message_requests_course_request_uq").on(t.courseId, t.requestId)],
);

/** The outcome per recipient: pending, sent (Moodle's msgid), refused (msgid -1), not_sent (never reached Moodle) or unknown. */
export const moodleMessageRecipients = pgTable(
  "moodle_message_recipients",
  {
    messageRequestId: integer("message_request_id")
      .notNull()
      .references(() => moodleMessageRequests.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    status: text("status").$type<"pending" | "sent" | "refused" | "not_sent" | "unknown">().notNull(),
    msgid: integer("msgid"),
    error: text("error"),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageRequestId, t.userId] })],
);
