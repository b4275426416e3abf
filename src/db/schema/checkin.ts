import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { attendanceSessions, attendanceStatuses } from "./attendance.js";
import { activities } from "./core.js";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export type CheckinMethod = "password" | "static_qr" | "rotating_qr";

/** A session's self check-in settings; a missing row means self check-in is off. */
export const checkinSettings = pgTable("checkin_settings", {
  sessionId: integer("session_id")
    .primaryKey()
    .references(() => attendanceSessions.id, { onDelete: "cascade" }),
  isEnabled: boolean("is_enabled").notNull().default(false),
  opensMinutesBefore: integer("opens_minutes_before").notNull().default(10),
  /** Closes this many minutes after the start; null: at the session's end. */
  closesMinutesAfterStart: integer("closes_minutes_after_start"),
  /** null: the status set's per-status minutes decide; otherwise every check-in gets this status. */
  fixedStatusId: integer("fixed_status_id").references(() => attendanceStatuses.id),
  method: text("method").$type<CheckinMethod>().notNull().default("rotating_qr"),
  stepSeconds: integer("step_seconds").notNull().default(10),
  /** The password (method password) or the static code (static QR). */
  password: text("password").notNull(),
  /** TOTP secret for rotating codes. */
  secret: text("secret").notNull(),
  closedEarlyAt: tz("closed_early_at"),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

/** Per-activity check-in options; a missing row means no IP limits and no device rule. */
export const checkinOptions = pgTable("checkin_options", {
  activityId: integer("activity_id")
    .primaryKey()
    .references(() => activities.id, { onDelete: "cascade" }),
  /** Allowed ranges as typed ("10.0.0.0/8, 2001:db8::/32"); empty: anywhere. */
  allowedIpRanges: text("allowed_ip_ranges").notNull().default(""),
  isOneDevicePerSession: boolean("is_one_device_per_session").notNull().default(false),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

/** Every check-in attempt, accepted or refused, with the reason: the lecturer's log and the rate limiter's memory. */
export const checkinAttempts = pgTable(
  "checkin_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => attendanceSessions.id, { onDelete: "cascade" }),
    userId: text("user_id"),
    outcome: text("outcome").$type<"accepted" | "already" | "refused">().notNull(),
    reason: text("reason").notNull().default(""),
    via: text("via").$type<"link" | "typed" | "pending">().notNull(),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
    deviceToken: text("device_token").notNull().default(""),
    at: tz("at").notNull(),
  },
  (t) => [
    index("checkin_attempts_session_at_idx").on(t.sessionId, t.at),
    index("checkin_attempts_session_user_idx").on(t.sessionId, t.userId, t.at),
    // The rate limiter counts only wrong codes: without this it would read every accepted attempt of the session.
    index("checkin_attempts_wrong_code_idx")
      .on(t.sessionId, t.at)
      .where(sql`${t.reason} = 'wrong_code'`),
  ],
);

/** Which student a device checked in for a session (one device per session). */
export const checkinDevices = pgTable(
  "checkin_devices",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => attendanceSessions.id, { onDelete: "cascade" }),
    deviceToken: text("device_token").notNull(),
    userId: text("user_id").notNull(),
    at: tz("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.deviceToken] })],
);

/** A scan made without a tool session: completed by this browser's next launch into the activity. */
export const checkinPending = pgTable(
  "checkin_pending",
  {
    browserId: text("browser_id").notNull(),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => attendanceSessions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    scannedAt: tz("scanned_at").notNull(),
    expiresAt: tz("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.browserId, t.activityId] })],
);

/**
 * The guess counters of the wrong-code limits: per session, one row per student (`u:<user id>`) and one per
 * address (`ip:<address>`), each counting the codes checked in a fixed window from `window_start`. A guess is
 * counted (one upsert that refuses past the cap) before its code is compared, so parallel guesses cannot race.
 */
export const checkinGuessCounts = pgTable(
  "checkin_guess_counts",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => attendanceSessions.id, { onDelete: "cascade" }),
    who: text("who").notNull(),
    windowStart: tz("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.who] })],
);
