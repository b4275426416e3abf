import type { Db } from "../../db/client.js";
import { zoomMeetingEvents } from "../../db/schema.js";

export interface ZoomMeetingEvent {
  event: "meeting.started" | "meeting.ended";
  meetingId: string;
  meetingUuid: string;
  occurredAt: Date;
}

/** Records a verified meeting event once per signature; false when that signed request was seen before (a replay). */
export async function recordZoomEvent(db: Db, signature: string, e: ZoomMeetingEvent, now: Date): Promise<boolean> {
  const rows = await db
    .insert(zoomMeetingEvents)
    .values({ signature, ...e, receivedAt: now })
    .onConflictDoNothing({ target: zoomMeetingEvents.signature })
    .returning({ id: zoomMeetingEvents.id });
  return rows.length > 0;
}
