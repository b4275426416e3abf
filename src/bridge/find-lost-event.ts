import { getCalendarEvents, type MoodleClient } from "moodle-ws-client";
import type { DesiredSessionEvent } from "./session-events.js";

/**
 * After a create whose answer was lost (a timeout once the request was sent), Moodle may already have the event:
 * looks for one with the same name, start, type and group that Rollbook does not track, so it is adopted and not
 * made twice. Group events are only listed with `userevents`.
 */
export async function findLostEvent(
  client: MoodleClient,
  want: DesiredSessionEvent,
  trackedIds: ReadonlySet<number>,
): Promise<number | null> {
  const e = want.event;
  const { events } = await getCalendarEvents(
    client,
    {
      events: { courseids: [e.courseid!], ...(e.groupid ? { groupids: [e.groupid] } : {}) },
      options: { userevents: true, siteevents: false, timestart: e.timestart, timeend: e.timestart + 1 },
    },
    { strict: false },
  );
  const twin = events.find(
    (x) =>
      !trackedIds.has(x.id) &&
      x.name === e.name &&
      x.timestart === e.timestart &&
      x.eventtype === e.eventtype &&
      (x.groupid ?? 0) === (e.groupid ?? 0),
  );
  return twin?.id ?? null;
}
