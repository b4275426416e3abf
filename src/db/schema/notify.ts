import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { courses } from "./core.js";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export type NotifyChannel = "email" | "moodle";
export type DeliveryState = "queued" | "retrying" | "sent" | "failed" | "skipped";

/**
 * One message a feature asked for, queued in the transaction of the change that caused it. The dedupe key is
 * unique per platform: queueing the same key again changes nothing.
 */
export const notifyMessages = pgTable(
  "notify_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platformId: text("platform_id").notNull(),
    courseId: integer("course_id").references(() => courses.id, { onDelete: "set null" }),
    dedupeKey: text("dedupe_key").notNull(),
    kind: text("kind").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** The zone dates are written in (the course's, taken when queued). */
    timezone: text("timezone").notNull(),
    createdAt: tz("created_at").notNull(),
  },
  (t) => [uniqueIndex("notify_messages_platform_dedupe_uq").on(t.platformId, t.dedupeKey)],
);

/** One recipient on one channel: what the delivery job claims, sends and records. */
export const notifyDeliveries = pgTable(
  "notify_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: bigint("message_id", { mode: "number" })
      .notNull()
      .references(() => notifyMessages.id, { onDelete: "cascade" }),
    channel: text("channel").$type<NotifyChannel>().notNull(),
    /** The LTI user id (for opt-outs and the page); null for an address outside the roster. */
    userId: text("user_id"),
    moodleUserId: text("moodle_user_id"),
    name: text("name").notNull().default(""),
    email: text("email"),
    locale: text("locale").$type<"lv" | "en">().notNull(),
    state: text("state").$type<DeliveryState>().notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    dueAt: tz("due_at").notNull(),
    /** A claimed row is hidden from other senders until then; the mark after sending checks it is still ours. */
    leaseUntil: tz("lease_until"),
    /** Transient failures are retried until then. */
    giveUpAt: tz("give_up_at").notNull(),
    lastError: text("last_error"),
    /** The Message-ID header (email) or clientmsgid (Moodle): the same on every try. */
    headerId: text("header_id").notNull(),
    moodleMsgId: integer("moodle_msg_id"),
    sentAt: tz("sent_at"),
    updatedAt: tz("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("notify_deliveries_message_channel_recipient_uq").on(t.messageId, t.channel, t.headerId),
    index("notify_deliveries_due_idx")
      .on(t.dueAt)
      .where(sql`${t.state} in ('queued', 'retrying')`),
    index("notify_deliveries_sent_at_idx")
      .on(t.sentAt)
      .where(sql`${t.sentAt} is not null`),
  ],
);

/** Per platform and message kind: the channels it goes by and whether students may opt out of it. */
export const notifyKindSettings = pgTable(
  "notify_kind_settings",
  {
    platformId: text("platform_id").notNull(),
    kind: text("kind").notNull(),
    channels: jsonb("channels").$type<NotifyChannel[]>().notNull(),
    isOptOutAllowed: boolean("is_opt_out_allowed").notNull().default(true),
    updatedAt: tz("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.kind] })],
);

/** A person who followed an unsubscribe link: messages of that kind to them are recorded as skipped. */
export const notifyOptOuts = pgTable(
  "notify_opt_outs",
  {
    platformId: text("platform_id").notNull(),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    createdAt: tz("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.userId, t.kind] })],
);
