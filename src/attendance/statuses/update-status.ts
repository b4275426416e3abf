import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { attendanceStatuses } from "../../db/schema.js";
import { NotFound } from "../../errors.js";
import type { Actor } from "../../lti/actor.js";
import { enqueueAllGrades } from "../grades/enqueue-grades.js";
import { authorize } from "../policy.js";
import { requireActivity } from "../../activities/index.js";
import { getStatus } from "./queries.js";
import type { StatusInput } from "./schemas.js";

/** Saves a lecturer's edit of a status; choosing it as "unmarked at close" takes that role from the set's other statuses. */
export async function updateStatus(
  db: Db,
  actor: Actor,
  activityId: number,
  statusId: number,
  input: StatusInput,
  now: Date,
): Promise<void> {
  authorize(actor, "attendance.manage");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const status = await getStatus(db, activityId, statusId);
  if (!status) throw NotFound();
  await db.transaction(async (tx) => {
    if (input.isUnmarkedDefault) {
      await tx
        .update(attendanceStatuses)
        .set({ isUnmarkedDefault: false })
        .where(and(eq(attendanceStatuses.setId, status.setId), ne(attendanceStatuses.id, statusId)));
    }
    await tx.update(attendanceStatuses).set(input).where(eq(attendanceStatuses.id, statusId));
  });
  if (input.points !== status.points) await enqueueAllGrades(db, activity, course.id, now);
}
