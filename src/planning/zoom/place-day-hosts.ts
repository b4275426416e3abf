import type { Db } from "../../db/client.js";
import { assignHosts } from "../assign-hosts.js";
import type { StudyClassRow, ZoomHostRow } from "../queries.js";
import { clearClassHosts, placeClassesOnHosts, type HostPlacement } from "./zoom-queries.js";

/** Classes that need a Zoom meeting: online, not cancelled, not in manual-link mode. */
export function needsZoom(c: StudyClassRow): boolean {
  return c.isOnline && c.state !== "cancelled" && c.linkMode === "zoom";
}

/**
 * Re-plans the hosts of a day's classes and saves the result in one transaction: classes that move first give up
 * their lanes, then take their new ones, so the exclusion constraint sees no transient double booking.
 * Returns the ids that found no host.
 */
export async function placeDayHosts(db: Db, day: StudyClassRow[], hosts: ZoomHostRow[], now: Date): Promise<number[]> {
  const wanted = day.filter(needsZoom);
  const plan = assignHosts(
    wanted.map((c) => ({
      id: c.id,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      current: c.zoomHostId
        ? { hostId: c.zoomHostId, lane: c.zoomLane }
        : c.meetingHostId
          ? { hostId: c.meetingHostId }
          : null,
    })),
    hosts,
  );
  const concurrency = new Map(hosts.map((h) => [h.id, h.concurrency]));
  const moved = wanted.filter((c) => {
    const p = plan.placements.get(c.id);
    return p?.hostId !== c.zoomHostId || p?.lane !== c.zoomLane;
  });
  await db.transaction(async (tx) => {
    if (moved.length)
      await clearClassHosts(
        tx,
        moved.map((c) => c.id),
      );
    const placed = moved.flatMap((c): HostPlacement[] => {
      const p = plan.placements.get(c.id);
      return p ? [{ classId: c.id, hostId: p.hostId, lane: p.lane, concurrency: concurrency.get(p.hostId)! }] : [];
    });
    // One statement for the whole day: every row goes from no host to its final lane, so no step double-books one.
    if (placed.length) await placeClassesOnHosts(tx, placed, now);
  });
  return plan.unplaced;
}
