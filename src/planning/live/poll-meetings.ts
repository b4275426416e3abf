import type { Db } from "../../db/client.js";
import { eachLimited } from "../../ops/each-limited.js";
import type { ZoomClient } from "../zoom/zoom-client.js";
import { listClassesToPoll, listMeetingEvents } from "./poll-queries.js";
import { recordZoomEvent } from "./record-zoom-event.js";

/** Meetings asked about at once (Zoom's "light" limit is 30/s per account, shared with every app). */
const AT_ONCE = 4;
/** Events older than this before a class's start belong to an earlier use of the meeting id. */
const EARLIER_USE_MS = 2 * 3_600_000;

export interface PollOutcome {
  checked: number;
  started: number;
  ended: number;
  failed: { classId: number; error: string }[];
}

/**
 * The fallback when Zoom's webhooks are not configured: asks Zoom (GET /meetings/{id}) about every class whose
 * meeting may be running now and records what changed as the webhook would ("meeting.started" when it is seen
 * running, "meeting.ended" when a started one is seen no longer running), once each (the signature names the poll,
 * the meeting and the class's start). The live page reads them like webhook events. A meeting Zoom cannot tell us
 * about is reported and the others go on.
 */
export async function pollMeetings(db: Db, zoom: ZoomClient, now: Date): Promise<PollOutcome> {
  const classes = await listClassesToPoll(db, now);
  const events = await listMeetingEvents(
    db,
    classes.map((c) => c.meetingId!),
  );
  const outcome: PollOutcome = { checked: 0, started: 0, ended: 0, failed: [] };
  const heardFor = (meetingId: string, since: Date) => {
    const mine = events.filter((e) => e.meetingId === meetingId && e.occurredAt >= since);
    return {
      started: mine.some((e) => e.event === "meeting.started"),
      ended: mine.some((e) => e.event === "meeting.ended"),
    };
  };
  const one = async (c: (typeof classes)[number]) => {
    const meetingId = c.meetingId!;
    const heard = heardFor(meetingId, new Date(c.startsAt.getTime() - EARLIER_USE_MS));
    if (heard.ended) return;
    let running: boolean;
    try {
      running = await zoom.isMeetingRunning(meetingId);
    } catch (err) {
      outcome.failed.push({ classId: c.id, error: (err as Error).message });
      return;
    }
    outcome.checked++;
    const event = running && !heard.started ? "meeting.started" : !running && heard.started ? "meeting.ended" : null;
    if (!event) return;
    const signature = `poll:${meetingId}:${c.startsAt.toISOString()}:${event}`;
    const isNew = await recordZoomEvent(db, signature, { event, meetingId, meetingUuid: "", occurredAt: now }, now);
    if (isNew) outcome[event === "meeting.started" ? "started" : "ended"]++;
  };
  await eachLimited(classes, AT_ONCE, one);
  return outcome;
}
