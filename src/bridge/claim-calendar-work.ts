import { and, eq, inArray, lt, or } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { moodleSessionCalendar } from "../db/schema.js";

/** A queued job that has not finished after this long is sent again (its worker may have died). */
export const QUEUED_STALE_MS = 30 * 60_000;
/** A session that failed because Moodle was unreachable is tried again after this long, once pg-boss has given up. */
export const UNAVAILABLE_RETRY_MS = 15 * 60_000;

/**
 * Takes the sessions whose calendar events must be brought in line (pending, queued too long ago, or failed
 * because Moodle was down) and marks them queued; the caller sends one job per session, grouped by its platform.
 */
export async function claimCalendarWork(
  db: Db,
  now: Date,
  limit = 200,
): Promise<Array<{ sessionId: number; platformId: string }>> {
  const due = or(
    eq(moodleSessionCalendar.status, "pending"),
    and(
      eq(moodleSessionCalendar.status, "queued"),
      lt(moodleSessionCalendar.queuedAt, new Date(now.getTime() - QUEUED_STALE_MS)),
    ),
    and(
      eq(moodleSessionCalendar.status, "failed"),
      eq(moodleSessionCalendar.errorKey, "unavailable"),
      lt(moodleSessionCalendar.updatedAt, new Date(now.getTime() - UNAVAILABLE_RETRY_MS)),
    ),
  );
  const rows = await db
    .select({ sessionId: moodleSessionCalendar.sessionId, platformId: moodleSessionCalendar.platformId })
    .from(moodleSessionCalendar)
    .where(due)
    .orderBy(moodleSessionCalendar.sessionId)
    .limit(limit);
  const ids = rows.map((r) => r.sessionId);
  if (ids.length > 0)
    await db
      .update(moodleSessionCalendar)
      .set({ status: "queued", queuedAt: now, updatedAt: now })
      .where(inArray(moodleSessionCalendar.sessionId, ids));
  return rows;
}
