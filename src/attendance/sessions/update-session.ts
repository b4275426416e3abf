import { eq } from "drizzle-orm";
import type { AttendanceEvents } from "../ports.js";
import type { Db } from "../../db/client.js";
import { attendanceSessionGroups, attendanceSessions } from "../../db/schema.js";
import { NotFound } from "../../errors.js";
import type { Actor } from "../../lti/actor.js";
import { checkSetAndGroups, slotsFor } from "./create-sessions.js";
import { authorize } from "../policy.js";
import type { SessionInput } from "./schemas.js";
import { getSession } from "./queries.js";
import { requireActivity } from "../../activities/index.js";

/** Saves an edit of one session (its time, texts, set and groups); its marks stay. */
export async function updateSession(
  db: Db,
  actor: Actor,
  activityId: number,
  sessionId: number,
  input: SessionInput,
  now: Date,
  events: AttendanceEvents,
): Promise<void> {
  authorize(actor, "attendance.manage");
  const { course } = await requireActivity(db, actor, activityId);
  if (!(await getSession(db, activityId, sessionId))) throw NotFound();
  const setId = await checkSetAndGroups(db, actor, activityId, input);
  const [slot] = slotsFor(input, null, course.timezone);
  await db.transaction(async (tx) => {
    await tx
      .update(attendanceSessions)
      .set({
        ...slot,
        setId,
        description: input.description,
        room: input.room,
        lecturerUserId: input.lecturerUserId,
        updatedAt: now,
      })
      .where(eq(attendanceSessions.id, sessionId));
    await tx.delete(attendanceSessionGroups).where(eq(attendanceSessionGroups.sessionId, sessionId));
    if (input.groupIds.length > 0)
      await tx.insert(attendanceSessionGroups).values(input.groupIds.map((groupId) => ({ sessionId, groupId })));
  });
  await events.sessionsChanged(db, actor, [sessionId], now);
}
