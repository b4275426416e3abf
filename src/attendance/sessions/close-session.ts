import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { attendanceSessions, attendanceStatuses } from "../../db/schema.js";
import { Invalid, NotFound } from "../../errors.js";
import type { Actor } from "../../lti/actor.js";
import { listExpectedStudents, listSessionMarks } from "../register/queries.js";
import { authorize } from "../policy.js";
import { recordMarks, type RecordResult } from "../register/record-marks.js";
import { requireActivity } from "../../activities/index.js";
import { getSession } from "./queries.js";

/** Closes a register: every student still unmarked gets the set's "unmarked at close" status (marked ones keep theirs). */
export async function closeSession(
  db: Db,
  actor: Actor,
  activityId: number,
  sessionId: number,
  now: Date,
): Promise<RecordResult> {
  authorize(actor, "attendance.take");
  return closeRegister(db, actor, activityId, sessionId, now, "lecturer");
}

/**
 * The close itself, for a lecturer or for the automatic close at the session's end (`auto`, whose actor is the
 * course's system actor): the unmarked get the set's status, and the session is stamped closed.
 */
export async function closeRegister(
  db: Db,
  actor: Actor,
  activityId: number,
  sessionId: number,
  now: Date,
  by: "lecturer" | "auto",
): Promise<RecordResult> {
  const { course } = await requireActivity(db, actor, activityId);
  const session = await getSession(db, activityId, sessionId);
  if (!session) throw NotFound();
  const [status] = await db
    .select({ id: attendanceStatuses.id })
    .from(attendanceStatuses)
    .where(and(eq(attendanceStatuses.setId, session.setId), eq(attendanceStatuses.isUnmarkedDefault, true)))
    .limit(1);
  if (!status) throw Invalid("attendance.register.no_unmarked_default");
  const [students, marks] = await Promise.all([
    listExpectedStudents(db, course.id, session),
    listSessionMarks(db, sessionId),
  ]);
  const wishes = students
    .filter((s) => !marks.has(s.userId))
    .map((s) => ({ userId: s.userId, statusId: status.id, remark: "", shownStatusId: null, shownRemark: "" }));
  const result = await recordMarks(db, actor, activityId, sessionId, wishes, now, { onlyUnmarked: true, by });
  await db.update(attendanceSessions).set({ closedAt: now }).where(eq(attendanceSessions.id, sessionId));
  return result;
}
