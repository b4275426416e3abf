import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { activities } from "./core.js";
import { attendanceSessions } from "./attendance.js";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Raw bytes: node-postgres reads bytea as a Buffer, PGlite as a Uint8Array; both come out as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});

/** Where a student's excuse request stands: waiting for the lecturer, decided, or withdrawn by the student. */
export type ExcuseState = "waiting" | "approved" | "refused" | "withdrawn";

/**
 * A student's request to have an absence excused (before or after the session): the reason, the lecturer's
 * decision and note. Approval records the set's excused mark through attendance (history, grades).
 */
export const excuses = pgTable(
  "excuses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => attendanceSessions.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    reason: text("reason").notNull(),
    state: text("state").$type<ExcuseState>().notNull().default("waiting"),
    decisionNote: text("decision_note").notNull().default(""),
    decidedBy: text("decided_by"),
    decidedByName: text("decided_by_name").notNull().default(""),
    decidedAt: tz("decided_at"),
    createdAt: tz("created_at").notNull(),
    updatedAt: tz("updated_at").notNull(),
  },
  (t) => [
    index("excuses_activity_idx").on(t.activityId, t.state, t.createdAt),
    index("excuses_student_idx").on(t.activityId, t.userId),
    // one open request (waiting or approved) per student and session: a second is refused, even when sent twice at once
    uniqueIndex("excuses_open_uq")
      .on(t.sessionId, t.userId)
      .where(sql`${t.state} in ('waiting', 'approved')`),
  ],
);

/** The file a student attached to a request (a doctor's note...): kept as bytes, only ever sent as a download. */
export const excuseFiles = pgTable("excuse_files", {
  excuseId: bigint("excuse_id", { mode: "number" })
    .primaryKey()
    .references(() => excuses.id, { onDelete: "cascade" }),
  /** The name as the student's device gave it, already cleaned (no path, no control characters). */
  fileName: text("file_name").notNull(),
  size: integer("size").notNull(),
  bytes: bytea("bytes").notNull(),
});
