import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { zoomHostUsage } from "../../db/schema.js";

/** Zoom allows 100 meeting creates or updates per host user per day; the day turns at 00:00 UTC. */
export const DAILY_HOST_CAP = 100;

const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/** Takes one of today's creates/updates for the host; false (nothing taken) when the cap is reached. */
export async function takeHostCall(db: Db, hostId: number, now: Date, cap = DAILY_HOST_CAP): Promise<boolean> {
  const day = utcDay(now);
  const [row] = await db
    .insert(zoomHostUsage)
    .values({ hostId, day, calls: 1 })
    .onConflictDoUpdate({
      target: [zoomHostUsage.hostId, zoomHostUsage.day],
      set: { calls: sql`${zoomHostUsage.calls} + 1` },
      setWhere: sql`${zoomHostUsage.calls} < ${cap}`,
    })
    .returning({ calls: zoomHostUsage.calls });
  return Boolean(row);
}

/** How many creates/updates the host has used today. */
export async function hostCallsToday(db: Db, hostId: number, now: Date): Promise<number> {
  const [row] = await db
    .select({ calls: zoomHostUsage.calls })
    .from(zoomHostUsage)
    .where(and(eq(zoomHostUsage.hostId, hostId), eq(zoomHostUsage.day, utcDay(now))));
  return row?.calls ?? 0;
}
