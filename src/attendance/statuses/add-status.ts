import { and, eq, max } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { attendanceStatuses } from "../../db/schema.js";
import { NotFound } from "../../errors.js";
import type { Actor } from "../../lti/actor.js";
import { authorize } from "../policy.js";
import { requireActivity } from "../../activities/index.js";
import { getStatusSet } from "./queries.js";
import type { StatusInput } from "./schemas.js";

/** Adds a status at the end of one of the activity's sets. */
export async function addStatus(
  db: Db,
  actor: Actor,
  activityId: number,
  setId: number,
  input: StatusInput,
): Promise<number> {
  authorize(actor, "attendance.manage");
  await requireActivity(db, actor, activityId);
  if (!(await getStatusSet(db, activityId, setId))) throw NotFound();
  return db.transaction(async (tx) => {
    if (input.isUnmarkedDefault)
      await tx
        .update(attendanceStatuses)
        .set({ isUnmarkedDefault: false })
        .where(and(eq(attendanceStatuses.setId, setId)));
    const [last] = await tx
      .select({ p: max(attendanceStatuses.position) })
      .from(attendanceStatuses)
      .where(eq(attendanceStatuses.setId, setId));
    const [row] = await tx
      .insert(attendanceStatuses)
      .values({ ...input, setId, position: (last?.p ?? -1) + 1 })
      .returning({ id: attendanceStatuses.id });
    if (!row) throw new Error("status insert returned nothing");
    return row.id;
  });
}
