import { and, eq, gt } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { planningCoordinators, planningSettings, studyClasses, zoomHosts } from "../../db/schema.js";
import type { ZoomHostRow } from "../queries.js";

type NewZoomHost = Omit<typeof zoomHosts.$inferInsert, "id">;
type ZoomHostChange = Partial<Omit<typeof zoomHosts.$inferInsert, "id" | "platformId">>;

/** Adds a person to the platform's coordinator list, or renames one already on it. */
export async function upsertCoordinator(
  db: Db | Tx,
  row: { platformId: string; userId: string; name: string; createdAt: Date },
): Promise<void> {
  await db
    .insert(planningCoordinators)
    .values(row)
    .onConflictDoUpdate({
      target: [planningCoordinators.platformId, planningCoordinators.userId],
      set: { name: row.name },
    });
}

/** Takes a person off the platform's coordinator list. */
export async function deleteCoordinator(db: Db | Tx, platformId: string, userId: string): Promise<void> {
  await db
    .delete(planningCoordinators)
    .where(and(eq(planningCoordinators.platformId, platformId), eq(planningCoordinators.userId, userId)));
}

/** Writes the platform's study-day settings (`values` both on first save and on every later one). */
export async function upsertPlanningSettings(
  db: Db | Tx,
  platformId: string,
  values: Omit<typeof planningSettings.$inferInsert, "platformId">,
): Promise<void> {
  await db
    .insert(planningSettings)
    .values({ platformId, ...values })
    .onConflictDoUpdate({ target: planningSettings.platformId, set: values });
}

/** Adds a Zoom host to a platform's pool; answers its id. */
export async function insertZoomHost(db: Db | Tx, row: NewZoomHost): Promise<number> {
  const [created] = await db.insert(zoomHosts).values(row).returning({ id: zoomHosts.id });
  return created!.id;
}

/** One Zoom host of the platform; another platform's host answers null, as a missing one does. */
export async function getZoomHost(db: Db | Tx, platformId: string, hostId: number): Promise<ZoomHostRow | null> {
  const [row] = await db
    .select()
    .from(zoomHosts)
    .where(and(eq(zoomHosts.id, hostId), eq(zoomHosts.platformId, platformId)));
  return row ?? null;
}

/** Lets go of the host's classes: all of them, or (with `aboveLane`) those on lanes above it. */
export async function releaseHostClasses(db: Db | Tx, hostId: number, aboveLane?: number): Promise<void> {
  const release = { zoomHostId: null, zoomLane: null, hostConcurrency: null };
  if (aboveLane === undefined) await db.update(studyClasses).set(release).where(eq(studyClasses.zoomHostId, hostId));
  else
    await db
      .update(studyClasses)
      .set(release)
      .where(and(eq(studyClasses.zoomHostId, hostId), gt(studyClasses.zoomLane, aboveLane)));
}

/** Changes a Zoom host (the caller has checked that it is the platform's). */
export async function updateZoomHost(db: Db | Tx, hostId: number, change: ZoomHostChange): Promise<void> {
  await db.update(zoomHosts).set(change).where(eq(zoomHosts.id, hostId));
}

/** Writes the platform's first settings; a platform that has settings keeps them untouched. */
export async function insertPlanningSettingsIfAbsent(
  db: Db | Tx,
  row: typeof planningSettings.$inferInsert,
): Promise<void> {
  await db.insert(planningSettings).values(row).onConflictDoNothing();
}
