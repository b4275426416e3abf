import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { attendanceMarks, attendanceSettings, attendanceStatuses, attendanceStatusSets } from "../../db/schema.js";
import { ensureStatusSets } from "./ensure-status-sets.js";
import type { PercentBasis } from "../rules/percentages.js";

export type StatusRow = typeof attendanceStatuses.$inferSelect;
export type StatusSetRow = typeof attendanceStatusSets.$inferSelect;
export interface StatusSetWithStatuses extends StatusSetRow {
  statuses: (StatusRow & { markCount: number })[];
}

/** The activity's status sets in order, each with its statuses in order and how many marks use each. */
export async function listStatusSets(db: Db, activityId: number): Promise<StatusSetWithStatuses[]> {
  await ensureStatusSets(db, activityId);
  const sets = await db
    .select()
    .from(attendanceStatusSets)
    .where(eq(attendanceStatusSets.activityId, activityId))
    .orderBy(asc(attendanceStatusSets.position), asc(attendanceStatusSets.id));
  if (sets.length === 0) return [];
  const statuses = await db
    .select()
    .from(attendanceStatuses)
    .where(
      inArray(
        attendanceStatuses.setId,
        sets.map((s) => s.id),
      ),
    )
    .orderBy(asc(attendanceStatuses.position), asc(attendanceStatuses.id));
  const counts = await db
    .select({ statusId: attendanceMarks.statusId, n: count() })
    .from(attendanceMarks)
    .where(
      inArray(
        attendanceMarks.statusId,
        statuses.map((s) => s.id),
      ),
    )
    .groupBy(attendanceMarks.statusId);
  const byStatus = new Map(counts.map((c) => [c.statusId, Number(c.n)]));
  return sets.map((set) => ({
    ...set,
    statuses: statuses.filter((s) => s.setId === set.id).map((s) => ({ ...s, markCount: byStatus.get(s.id) ?? 0 })),
  }));
}

/** A status of the activity, or null (another activity's status is the same as a missing one). */
export async function getStatus(db: Db, activityId: number, statusId: number): Promise<StatusRow | null> {
  const [row] = await db
    .select({ status: attendanceStatuses })
    .from(attendanceStatuses)
    .innerJoin(attendanceStatusSets, eq(attendanceStatusSets.id, attendanceStatuses.setId))
    .where(and(eq(attendanceStatuses.id, statusId), eq(attendanceStatusSets.activityId, activityId)))
    .limit(1);
  return row?.status ?? null;
}

/** A status set of the activity, or null. */
export async function getStatusSet(db: Db, activityId: number, setId: number): Promise<StatusSetRow | null> {
  const [row] = await db
    .select()
    .from(attendanceStatusSets)
    .where(and(eq(attendanceStatusSets.id, setId), eq(attendanceStatusSets.activityId, activityId)))
    .limit(1);
  return row ?? null;
}

/** The statuses of one set in the order the register offers them (the set is a session's, already scoped). */
export async function listSetStatuses(db: Db, setId: number): Promise<StatusRow[]> {
  return db
    .select()
    .from(attendanceStatuses)
    .where(eq(attendanceStatuses.setId, setId))
    .orderBy(asc(attendanceStatuses.position), asc(attendanceStatuses.id));
}

/** Which percentage counts for this activity. */
export async function getPercentBasis(db: Db, activityId: number): Promise<PercentBasis> {
  await ensureStatusSets(db, activityId);
  const [row] = await db
    .select({ basis: attendanceSettings.percentBasis })
    .from(attendanceSettings)
    .where(eq(attendanceSettings.activityId, activityId))
    .limit(1);
  return row?.basis ?? "taken";
}

/**
 * A status set's excused status (an excuse request's approval gives it): the status whose default is "excused"
 * (E, "Attaisnots"), else one a lecturer named E; hidden statuses never. Null when the set has neither.
 */
export async function getExcusedStatus(db: Db, activityId: number, setId: number): Promise<StatusRow | null> {
  const rows = await db
    .select({ status: attendanceStatuses })
    .from(attendanceStatuses)
    .innerJoin(attendanceStatusSets, eq(attendanceStatusSets.id, attendanceStatuses.setId))
    .where(
      and(
        eq(attendanceStatuses.setId, setId),
        eq(attendanceStatusSets.activityId, activityId),
        eq(attendanceStatuses.isHidden, false),
      ),
    )
    .orderBy(asc(attendanceStatuses.position), asc(attendanceStatuses.id));
  const statuses = rows.map((r) => r.status);
  return (
    statuses.find((s) => s.defaultKey === "excused") ?? statuses.find((s) => s.acronym.toUpperCase() === "E") ?? null
  );
}
