import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { attendanceStatuses, checkinOptions, checkinSettings } from "../db/schema.js";

/** Whether the status belongs to the set (a fixed check-in status must be one of the session's set). */
export async function isStatusOfSet(db: Db, statusId: number, setId: number): Promise<boolean> {
  const [s] = await db
    .select({ id: attendanceStatuses.id })
    .from(attendanceStatuses)
    .where(and(eq(attendanceStatuses.id, statusId), eq(attendanceStatuses.setId, setId)));
  return Boolean(s);
}

type SettingsRow = typeof checkinSettings.$inferInsert;

/** Inserts a session's check-in settings, or updates them with `changes` (the secret is kept). */
export async function upsertCheckinSettings(
  db: Db,
  row: SettingsRow,
  changes: Omit<Partial<SettingsRow>, "sessionId" | "secret">,
): Promise<void> {
  await db.insert(checkinSettings).values(row).onConflictDoUpdate({ target: checkinSettings.sessionId, set: changes });
}

/** Sets or clears a session's "closed early"; false when the session has no check-in settings. */
export async function updateClosedEarly(db: Db, sessionId: number, closedEarlyAt: Date | null, now: Date) {
  const updated = await db
    .update(checkinSettings)
    .set({ closedEarlyAt, updatedAt: now })
    .where(eq(checkinSettings.sessionId, sessionId))
    .returning({ id: checkinSettings.sessionId });
  return updated.length > 0;
}

/** Inserts or replaces the activity's check-in options. */
export async function upsertCheckinOptions(db: Db, row: typeof checkinOptions.$inferInsert): Promise<void> {
  const { activityId: _id, ...changes } = row;
  await db.insert(checkinOptions).values(row).onConflictDoUpdate({ target: checkinOptions.activityId, set: changes });
}
