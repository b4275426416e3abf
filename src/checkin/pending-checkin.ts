import { and, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { checkinPending } from "../db/schema.js";

/** How long a scan made without a tool session waits for the Moodle login. */
export const PENDING_TTL_MS = 30 * 60_000;

export interface PendingCheckin {
  activityId: number;
  sessionId: number;
  code: string;
  scannedAt: Date;
}

/** Remembers a scan for this browser until its next launch into the activity (a newer scan replaces it). */
export async function savePendingCheckin(db: Db, browserId: string, p: PendingCheckin): Promise<void> {
  const values = { ...p, expiresAt: new Date(p.scannedAt.getTime() + PENDING_TTL_MS) };
  await db
    .insert(checkinPending)
    .values({ browserId, ...values })
    .onConflictDoUpdate({ target: [checkinPending.browserId, checkinPending.activityId], set: values });
}

/** Whether this browser has a live pending check-in for the activity (the launch's landing fact). */
export async function hasPendingCheckin(
  db: Db,
  browserId: string,
  activityId: number | null,
  now: Date,
): Promise<boolean> {
  if (activityId === null) return false;
  const [row] = await db
    .select({ s: checkinPending.sessionId })
    .from(checkinPending)
    .where(
      and(
        eq(checkinPending.browserId, browserId),
        eq(checkinPending.activityId, activityId),
        gt(checkinPending.expiresAt, now),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Takes (reads and deletes) this browser's pending check-in for the activity; null when none is live. */
export async function takePendingCheckin(
  db: Db,
  browserId: string,
  activityId: number,
  now: Date,
): Promise<PendingCheckin | null> {
  const [row] = await db
    .delete(checkinPending)
    .where(and(eq(checkinPending.browserId, browserId), eq(checkinPending.activityId, activityId)))
    .returning();
  if (!row || row.expiresAt <= now) return null;
  return { activityId: row.activityId, sessionId: row.sessionId, code: row.code, scannedAt: row.scannedAt };
}

/** Hands this browser's pending scans over to the new browser id a launch issued (they were made before it). */
export async function movePendingCheckins(db: Db, from: string, to: string): Promise<void> {
  await db.update(checkinPending).set({ browserId: to }).where(eq(checkinPending.browserId, from));
}

/** Deletes the scans whose wait for a launch has ended (the housekeeping job); returns how many. */
export async function purgeExpiredPendingCheckins(db: Db, now: Date): Promise<number> {
  const gone = await db
    .delete(checkinPending)
    .where(lte(checkinPending.expiresAt, now))
    .returning({ s: checkinPending.sessionId });
  return gone.length;
}
