import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { activities } from "./core.js";
import { notifyMessages } from "./notify.js";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Who a rule's message goes to. */
export interface FollowupRecipients {
  toStudent: boolean;
  toLecturers: boolean;
  toMentors: boolean;
}

/** An activity's follow-up rules as saved from its Follow-up page (src/followup/rules-config.ts holds the defaults). */
export interface FollowupConfig {
  below: { isOn: boolean; percent: number; minSessions: number } & FollowupRecipients;
  consecutive: { isOn: boolean; count: number } & FollowupRecipients;
  unexcused: { isOn: boolean } & FollowupRecipients;
  /** Status ids counted as an absence; null: each set's A (the status whose default is "absent"). */
  absenceStatusIds: number[] | null;
  delayMinutes: number;
  /** Mentors' and coordinators' addresses for this activity. */
  mentorEmails: string[];
}

/** Per activity: the rules (no row: follow-up is off) and when it was last evaluated. */
export const followupRules = pgTable("followup_rules", {
  activityId: integer("activity_id")
    .primaryKey()
    .references(() => activities.id, { onDelete: "cascade" }),
  config: jsonb("config").$type<FollowupConfig>().notNull(),
  /** When follow-up was turned on: an unexcused absence from before then is not reminded of. */
  createdAt: tz("created_at").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: tz("updated_at").notNull(),
  /** Changes to marks and closes after this are looked at by the next evaluation. */
  evaluatedAt: tz("evaluated_at"),
  /** A fact that was true but still in its delay: evaluate again then, even if nothing changes. */
  nextCheckAt: tz("next_check_at"),
});

/** One warning: a fact (its key names the marks that made it true) warned about once, with its message. */
export const followupWarnings = pgTable(
  "followup_warnings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    rule: text("rule").$type<"below" | "consecutive" | "unexcused">().notNull(),
    factKey: text("fact_key").notNull(),
    sessionIds: jsonb("session_ids").$type<number[]>().notNull(),
    percent: real("percent"),
    inARow: integer("in_a_row").notNull(),
    messageId: bigint("message_id", { mode: "number" }).references(() => notifyMessages.id, { onDelete: "set null" }),
    createdAt: tz("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("followup_warnings_fact_uq").on(t.activityId, t.factKey),
    index("followup_warnings_user_idx").on(t.activityId, t.userId),
  ],
);

/** How a mentor or lecturer reached a student: a message through the outbox, or a contact made another way. */
export type ContactChannel = "message" | "phone" | "meeting" | "other";

/** The contact log: who contacted a student about an activity, when, how, with a note; optionally "being followed". */
export const followupContacts = pgTable(
  "followup_contacts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    channel: text("channel").$type<ContactChannel>().notNull(),
    note: text("note").notNull().default(""),
    byUserId: text("by_user_id").notNull(),
    byName: text("by_name").notNull().default(""),
    contactedAt: tz("contacted_at").notNull(),
    messageId: bigint("message_id", { mode: "number" }).references(() => notifyMessages.id, { onDelete: "set null" }),
    /** While "being followed": the mentors get no more warnings about this student in this activity until then. */
    followUntil: tz("follow_until"),
  },
  (t) => [index("followup_contacts_student_idx").on(t.activityId, t.userId, t.contactedAt)],
);
