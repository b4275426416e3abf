import type { Db } from "../../db/client.js";
import { getHostUsage, incrementHostUsage } from "./zoom-queries.js";

/** Zoom allows 100 meeting creates or updates per host user per day; the day turns at 00:00 UTC. */
export const DAILY_HOST_CAP = 100;

const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/** Takes one of today's creates/updates for the host; false (nothing taken) when the cap is reached. */
export async function takeHostCall(db: Db, hostId: number, now: Date, cap = DAILY_HOST_CAP): Promise<boolean> {
  return incrementHostUsage(db, hostId, utcDay(now), cap);
}

/** How many creates/updates the host has used today. */
export async function hostCallsToday(db: Db, hostId: number, now: Date): Promise<number> {
  return getHostUsage(db, hostId, utcDay(now));
}
