import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.js";
import { attendanceSessionGroups, attendanceSessions } from "../../db/schema.js";
import { Invalid, NotFound } from "../../errors.js";
import { ownGroupIds } from "../../groups/index.js";
import type { Actor } from "../../lti/actor.js";
import { defaultSetId } from "../statuses/ensure-status-sets.js";
import { authorize } from "../policy.js";
import { localInstant, repeatDates, type SessionSlot } from "../rules/repeat-dates.js";
import type { RepeatInput, SessionInput } from "./schemas.js";
import { requireActivity } from "../../activities/index.js";
import { getStatusSet } from "../statuses/queries.js";

/** The slots of a session form: one, or every date of the repeat rule, in the course's zone. */
export function slotsFor(input: SessionInput, repeat: RepeatInput | null, zone: string): SessionSlot[] {
  if (!repeat)
    return [
      {
        startsAt: localInstant(input.date, input.startTime, zone).toJSDate(),
        endsAt: localInstant(input.date, input.endTime, zone).toJSDate(),
      },
    ];
  return repeatDates({
    from: input.date,
    until: repeat.until,
    weekdays: repeat.weekdays,
    everyWeeks: repeat.everyWeeks,
    startTime: input.startTime,
    endTime: input.endTime,
    zone,
  });
}

/** Checks that the set and groups belong to the activity's course; returns the set to use. */
export async function checkSetAndGroups(
  db: Db,
  actor: Actor,
  activityId: number,
  input: SessionInput,
): Promise<number> {
  const groups = await ownGroupIds(db, actor, input.groupIds);
  if (groups.length !== new Set(input.groupIds).size) throw NotFound();
  if (input.setId === undefined) return defaultSetId(db, activityId);
  if (!(await getStatusSet(db, activityId, input.setId))) throw NotFound();
  return input.setId;
}

/**
 * Creates one session or a weekly series (all or nothing). A rule that yields no date is Invalid, with the
 * reason for the form. `now` is stored as the creation time: a session created after its end is never closed
 * automatically (see closeEndedSessions).
 */
export async function createSessions(
  db: Db,
  actor: Actor,
  activityId: number,
  input: SessionInput,
  repeat: RepeatInput | null,
  now: Date = new Date(),
): Promise<number[]> {
  authorize(actor, "attendance.manage");
  const { course } = await requireActivity(db, actor, activityId);
  const setId = await checkSetAndGroups(db, actor, activityId, input);
  const slots = slotsFor(input, repeat, course.timezone);
  if (slots.length === 0) throw Invalid("attendance.validation.no_dates", { field: "until" });
  const seriesId = repeat ? randomUUID() : null;
  const base = {
    activityId,
    setId,
    description: input.description,
    room: input.room,
    lecturerUserId: input.lecturerUserId,
    seriesId,
    createdBy: actor.userId,
    createdAt: now,
  };
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(attendanceSessions)
      .values(slots.map((s) => ({ ...base, ...s })))
      .returning({ id: attendanceSessions.id });
    const links = rows.flatMap((r) => input.groupIds.map((groupId) => ({ sessionId: r.id, groupId })));
    if (links.length > 0) await tx.insert(attendanceSessionGroups).values(links);
    return rows.map((r) => r.id);
  });
}
