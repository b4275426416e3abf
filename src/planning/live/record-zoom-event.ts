import type { Db } from "../../db/client.js";
import { insertZoomMeetingEvent } from "./live-queries.js";

export interface ZoomMeetingEvent {
  event: "meeting.started" | "meeting.ended";
  meetingId: string;
  meetingUuid: string;
  occurredAt: Date;
}

/** Records a verified meeting event once per signature; false when that signed request was seen before (a replay). */
export async function recordZoomEvent(db: Db, signature: string, e: ZoomMeetingEvent, now: Date): Promise<boolean> {
  return insertZoomMeetingEvent(db, { signature, ...e, receivedAt: now });
}
