import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { perDb } from "../../db/per-db.js";
import { attendanceSettings, attendanceStatuses, attendanceStatusSets } from "../../db/schema.js";
import { defaultStatuses } from "./default-statuses.js";

/**
 * Activities this process has seen with their settings row, per database. The row is only ever removed with its
 * activity (whose id is never reused), so once seen it need not be looked for again: most pages ask, and this
 * saves each of them a transaction (three round trips).
 */
const ensured = perDb(() => new Set<number>());

/**
 * Makes the activity's settings row and default status set on first use. Whoever inserts the settings row
 * makes the set, so two first requests at once make it once.
 */
export async function ensureStatusSets(db: Db, activityId: number): Promise<void> {
  const seen = ensured(db);
  if (seen.has(activityId)) return;
  await db.transaction(async (tx) => {
    const made = await tx.insert(attendanceSettings).values({ activityId }).onConflictDoNothing().returning();
    if (made.length === 0) return;
    const [set] = await tx.insert(attendanceStatusSets).values({ activityId, name: "", position: 0 }).returning();
    if (!set) throw new Error("status set insert returned nothing");
    await tx.insert(attendanceStatuses).values(defaultStatuses().map((s) => ({ ...s, setId: set.id })));
  });
  seen.add(activityId); // only after the transaction committed
}

/** The activity's first set: the one new sessions use unless told otherwise. */
export async function defaultSetId(db: Db, activityId: number): Promise<number> {
  await ensureStatusSets(db, activityId);
  const [set] = await db
    .select({ id: attendanceStatusSets.id })
    .from(attendanceStatusSets)
    .where(eq(attendanceStatusSets.activityId, activityId))
    .orderBy(asc(attendanceStatusSets.position), asc(attendanceStatusSets.id))
    .limit(1);
  if (!set) throw new Error("activity has no status set");
  return set.id;
}
