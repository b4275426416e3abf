import { createCalendarEvents, deleteCalendarEvents, MoodleNotFoundError, type MoodleClient } from "moodle-ws-client";
import type { Db } from "../../db/client.js";
import type { T } from "../../i18n/i18n.js";
import type { StudyClassRow } from "../queries.js";
import { classEvents, type DesiredEvent, type PublishProblem } from "./class-events.js";
import type { MoodleLookups } from "./moodle-lookups.js";
import {
  deletePublishedEvent,
  insertPublishedEvent,
  listClassEvents,
  saveClassMoodleCourse,
  type PublishedEventRow,
} from "./publish-queries.js";

/** What publishing did to one class. */
export type ClassOutcome =
  { status: "published" | "removed"; created: number; deleted: number } | { status: "failed"; problem: PublishProblem };

export interface PublishContext {
  db: Db;
  client: MoodleClient;
  lookups: MoodleLookups;
  t: T;
  now: Date;
}

/** Deletes one event in Moodle and then its row; an event someone already deleted in Moodle counts as deleted. */
async function removeEvent(ctx: PublishContext, row: PublishedEventRow): Promise<void> {
  try {
    await deleteCalendarEvents(ctx.client, [{ eventid: Number(row.moodleEventId), repeat: false }]);
  } catch (err) {
    if (!(err instanceof MoodleNotFoundError)) throw err;
  }
  await deletePublishedEvent(ctx.db, row.id);
}

async function createEvent(
  ctx: PublishContext,
  c: StudyClassRow,
  courseId: number,
  want: DesiredEvent,
): Promise<PublishProblem | null> {
  const { events, warnings } = await createCalendarEvents(ctx.client, [want.event]);
  const created = events[0];
  if (!created) return { key: "refused", params: { code: warnings[0]?.warningcode ?? "nowarning" } };
  await insertPublishedEvent(ctx.db, {
    platformId: c.platformId,
    classId: c.id,
    groupName: want.groupName,
    moodleCourseId: String(courseId),
    moodleGroupId: want.groupId === null ? null : String(want.groupId),
    moodleEventId: String(created.id),
    fingerprint: want.fingerprint,
    publishedAt: ctx.now,
  });
  return null;
}

/**
 * Brings one class's Moodle calendar events in line with the class: unchanged events stay, changed ones are
 * deleted and made again (Moodle has no web service that updates an event), a cancelled or on-site class loses
 * its events. Each event's row is written right after Moodle's answer, so a failure half-way loses nothing.
 */
export async function publishClass(ctx: PublishContext, c: StudyClassRow): Promise<ClassOutcome> {
  const existing = await listClassEvents(ctx.db, c.id);
  if (c.state === "cancelled" || !c.isOnline) {
    for (const row of existing) await removeEvent(ctx, row);
    return { status: "removed", created: 0, deleted: existing.length };
  }
  const courseId = c.moodleCourseId ? Number(c.moodleCourseId) : await ctx.lookups.courseId(c.courseRef);
  if (courseId === null)
    return { status: "failed", problem: { key: "unknown_course", params: { course: c.courseRef } } };
  if (!c.moodleCourseId) await saveClassMoodleCourse(ctx.db, c.id, String(courseId));
  const groupIds = c.groups ? await ctx.lookups.groupIds(courseId) : new Map<string, number>();
  const wanted = classEvents(c, courseId, groupIds, ctx.t);
  if (!Array.isArray(wanted)) return { status: "failed", problem: wanted };
  let created = 0;
  let deleted = 0;
  const isCurrent = (row: PublishedEventRow) =>
    wanted.some(
      (w) =>
        w.groupName === row.groupName && w.fingerprint === row.fingerprint && row.moodleCourseId === String(courseId),
    );
  for (const row of existing.filter((r) => !isCurrent(r))) {
    await removeEvent(ctx, row);
    deleted++;
  }
  const kept = new Set(existing.filter(isCurrent).map((r) => r.groupName));
  for (const want of wanted.filter((w) => !kept.has(w.groupName))) {
    const problem = await createEvent(ctx, c, courseId, want);
    if (problem) return { status: "failed", problem };
    created++;
  }
  return { status: "published", created, deleted };
}

/** Deletes every Moodle calendar event of a class and its rows (the cleanup after a study day); returns how many. */
export async function removeClassEvents(ctx: PublishContext, classId: number): Promise<number> {
  const existing = await listClassEvents(ctx.db, classId);
  for (const row of existing) await removeEvent(ctx, row);
  return existing.length;
}
