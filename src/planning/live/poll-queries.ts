import { and, eq, gte, inArray, isNotNull, lte, ne } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { studyClasses, zoomMeetingEvents } from "../../db/schema.js";

/** How long before its start and after its end a class's Zoom meeting is asked about. */
export const POLL_BEFORE_MS = 15 * 60_000;
export const POLL_AFTER_MS = 60 * 60_000;

/** Online Zoom classes of every platform whose meeting may be running now (start - 15 min to end + 60 min). */
export async function listClassesToPoll(db: Db, now: Date) {
  return db
    .select({
      id: studyClasses.id,
      platformId: studyClasses.platformId,
      meetingId: studyClasses.meetingId,
      startsAt: studyClasses.startsAt,
    })
    .from(studyClasses)
    .where(
      and(
        eq(studyClasses.isOnline, true),
        eq(studyClasses.linkMode, "zoom"),
        ne(studyClasses.state, "cancelled"),
        isNotNull(studyClasses.meetingId),
        lte(studyClasses.startsAt, new Date(now.getTime() + POLL_BEFORE_MS)),
        gte(studyClasses.endsAt, new Date(now.getTime() - POLL_AFTER_MS)),
      ),
    )
    .orderBy(studyClasses.startsAt, studyClasses.id);
}

/** The started/ended events recorded for these meetings (from webhooks or earlier polls). */
export async function listMeetingEvents(db: Db, meetingIds: string[]) {
  if (meetingIds.length === 0) return [];
  return db
    .select({
      meetingId: zoomMeetingEvents.meetingId,
      event: zoomMeetingEvents.event,
      occurredAt: zoomMeetingEvents.occurredAt,
    })
    .from(zoomMeetingEvents)
    .where(inArray(zoomMeetingEvents.meetingId, meetingIds));
}
