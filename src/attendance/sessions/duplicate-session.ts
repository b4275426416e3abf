import type { Db } from "../../db/client.js";
import type { AttendanceEvents } from "../ports.js";
import { attendanceSessionGroups, attendanceSessions } from "../../db/schema.js";
import { NotFound } from "../../errors.js";
import type { Actor } from "../../lti/actor.js";
import { authorize } from "../policy.js";
import { getSession } from "./queries.js";
import { requireActivity } from "../../activities/index.js";

/** A copy of a session (same time, texts, set and groups, no marks, not in its series), for the lecturer to edit. */
export async function duplicateSession(
  db: Db,
  actor: Actor,
  activityId: number,
  sessionId: number,
  now: Date,
  events: AttendanceEvents,
): Promise<number> {
  authorize(actor, "attendance.manage");
  await requireActivity(db, actor, activityId);
  const s = await getSession(db, activityId, sessionId);
  if (!s) throw NotFound();
  const id = await db.transaction(async (tx) => {
    const [copy] = await tx
      .insert(attendanceSessions)
      .values({
        activityId,
        setId: s.setId,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        description: s.description,
        room: s.room,
        lecturerUserId: s.lecturerUserId,
        createdBy: actor.userId,
      })
      .returning({ id: attendanceSessions.id });
    if (!copy) throw new Error("session insert returned nothing");
    if (s.groups.length > 0)
      await tx.insert(attendanceSessionGroups).values(s.groups.map((g) => ({ sessionId: copy.id, groupId: g.id })));
    return copy.id;
  });
  await events.sessionsChanged(db, actor, [id], now);
  return id;
}
