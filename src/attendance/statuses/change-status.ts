import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { attendanceMarks, attendanceStatuses } from "../../db/schema.js";
import { Conflict, NotFound } from "../../errors.js";
import type { Actor } from "../../lti/actor.js";
import { authorize } from "../policy.js";
import { requireActivity } from "../../activities/index.js";
import { getStatus, type StatusRow } from "./queries.js";

/** What a lecturer can do to a status besides editing it. */
export type StatusChange = "hide" | "show" | "up" | "down" | "delete";

/**
 * Hides, shows, moves or deletes a status. A status that has marks is never deleted (its marks would lose
 * their meaning): that answers Conflict with the reason, and hiding is the way out.
 */
export async function changeStatus(
  db: Db,
  actor: Actor,
  activityId: number,
  statusId: number,
  change: StatusChange,
): Promise<void> {
  authorize(actor, "attendance.manage");
  await requireActivity(db, actor, activityId);
  const status = await getStatus(db, activityId, statusId);
  if (!status) throw NotFound();
  if (change === "hide" || change === "show") {
    await db
      .update(attendanceStatuses)
      .set({ isHidden: change === "hide" })
      .where(eq(attendanceStatuses.id, statusId));
    return;
  }
  if (change === "delete") return deleteStatus(db, status);
  await moveStatus(db, status, change === "up" ? -1 : 1);
}

async function deleteStatus(db: Db, status: StatusRow): Promise<void> {
  const [used] = await db.select({ n: count() }).from(attendanceMarks).where(eq(attendanceMarks.statusId, status.id));
  if (Number(used?.n ?? 0) > 0) throw Conflict("attendance.statuses.in_use", { statusId: status.id });
  const [others] = await db
    .select({ n: count() })
    .from(attendanceStatuses)
    .where(eq(attendanceStatuses.setId, status.setId));
  if (Number(others?.n ?? 0) <= 1) throw Conflict("attendance.statuses.last_status");
  await db
    .delete(attendanceStatuses)
    .where(and(eq(attendanceStatuses.id, status.id), eq(attendanceStatuses.setId, status.setId)));
}

/** Swaps the status with its neighbour; positions are renumbered 0..n so gaps and ties never confuse the order. */
async function moveStatus(db: Db, status: StatusRow, step: -1 | 1): Promise<void> {
  await db.transaction(async (tx) => {
    const all = await tx
      .select({ id: attendanceStatuses.id })
      .from(attendanceStatuses)
      .where(eq(attendanceStatuses.setId, status.setId))
      .orderBy(asc(attendanceStatuses.position), asc(attendanceStatuses.id));
    const ids = all.map((s) => s.id);
    const i = ids.indexOf(status.id);
    const j = i + step;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j] as number, ids[i] as number];
    for (const [position, id] of ids.entries())
      await tx.update(attendanceStatuses).set({ position }).where(eq(attendanceStatuses.id, id));
  });
}
