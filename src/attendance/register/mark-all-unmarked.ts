import type { Db } from "../../db/client.js";
import type { Actor } from "../../lti/actor.js";
import { listExpectedStudents, listSessionMarks } from "./queries.js";
import { authorize } from "../policy.js";
import { recordMarks, type RecordResult } from "./record-marks.js";
import { requireActivity } from "../../activities/index.js";
import { getSession } from "../sessions/queries.js";
import { NotFound } from "../../errors.js";

/** "Set all unmarked to ...": gives the status to every expected student who has no mark yet; marked students keep theirs. */
export async function markAllUnmarked(
  db: Db,
  actor: Actor,
  activityId: number,
  sessionId: number,
  statusId: number,
  now: Date,
): Promise<RecordResult> {
  authorize(actor, "attendance.take");
  const { course } = await requireActivity(db, actor, activityId);
  const session = await getSession(db, activityId, sessionId);
  if (!session) throw NotFound();
  const [students, marks] = await Promise.all([
    listExpectedStudents(db, course.id, session),
    listSessionMarks(db, sessionId),
  ]);
  const wishes = students
    .filter((s) => !marks.has(s.userId))
    .map((s) => ({ userId: s.userId, statusId, remark: "", shownStatusId: null, shownRemark: "" }));
  return recordMarks(db, actor, activityId, sessionId, wishes, now, { onlyUnmarked: true });
}
