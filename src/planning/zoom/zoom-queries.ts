import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { studyClasses, zoomHostUsage } from "../../db/schema.js";

/** A class's place on a Zoom host: which host, which lane, and the host's concurrency. */
export interface HostPlacement {
  classId: number;
  hostId: number;
  lane: number;
  concurrency: number;
}

/** Counts one more call of the host on the UTC day unless it has made `cap`; false (nothing counted) at the cap. */
export async function incrementHostUsage(db: Db | Tx, hostId: number, day: string, cap: number): Promise<boolean> {
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

/** How many calls the host made on the UTC day. */
export async function getHostUsage(db: Db | Tx, hostId: number, day: string): Promise<number> {
  const [row] = await db
    .select({ calls: zoomHostUsage.calls })
    .from(zoomHostUsage)
    .where(and(eq(zoomHostUsage.hostId, hostId), eq(zoomHostUsage.day, day)));
  return row?.calls ?? 0;
}

/** Takes these classes off their Zoom hosts and lanes. */
export async function clearClassHosts(db: Db | Tx, classIds: number[]): Promise<void> {
  await db
    .update(studyClasses)
    .set({ zoomHostId: null, zoomLane: null, hostConcurrency: null })
    .where(inArray(studyClasses.id, classIds));
}

/** Puts classes on their hosts' lanes in one statement (so no step of it double-books a lane). */
export async function placeClassesOnHosts(db: Db | Tx, placements: HostPlacement[], now: Date): Promise<void> {
  const values = placements.map(
    (p) => sql`(${p.classId}::int, ${p.hostId}::int, ${p.lane}::int, ${p.concurrency}::int)`,
  );
  await db.execute(sql`update study_classes s set zoom_host_id = v.host_id, zoom_lane = v.lane, host_concurrency = v.concurrency, updated_at = ${now.toISOString()}::timestamptz
        from (values ${sql.join(values, sql`, `)}) as v(id, host_id, lane, concurrency) where s.id = v.id`);
}

/** Stores why Zoom refused a class's meeting. */
export async function saveClassZoomError(db: Db | Tx, classId: number, zoomError: string): Promise<void> {
  await db.update(studyClasses).set({ zoomError }).where(eq(studyClasses.id, classId));
}

/** Stores a class's meeting as Zoom now has it, clearing its last Zoom error. */
export async function saveClassMeeting(
  db: Db | Tx,
  classId: number,
  set: Partial<typeof studyClasses.$inferInsert>,
  syncedAt: Date,
): Promise<void> {
  await db
    .update(studyClasses)
    .set({ ...set, zoomError: null, zoomSyncedAt: syncedAt })
    .where(eq(studyClasses.id, classId));
}
