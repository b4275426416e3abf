import type { MoodleClient } from "../client/moodle-client.js";
import { checkWarnings, type WarningsOptions } from "../client/check-warnings.js";
import { parseResult } from "../client/parse-result.js";
import { calendarEventsResultSchema, type CalendarEventsResult } from "../schemas/calendar.js";
import { z } from "zod";

/** A new calendar event. `format` 1 = HTML; `repeats` creates a weekly series sharing one `repeatid`. */
export type NewCalendarEvent = {
  name: string;
  description?: string;
  format?: number;
  courseid?: number;
  groupid?: number;
  categoryid?: number;
  repeats?: number;
  eventtype: "course" | "group" | "user" | "site" | "category";
  timestart: number;
  timeduration?: number;
  visible?: number | boolean;
  sequence?: number;
};

/** Puts sessions into Moodle's calendar; keep the returned ids to update or delete them later. */
export async function createCalendarEvents(
  client: MoodleClient,
  events: NewCalendarEvent[],
  options?: WarningsOptions,
): Promise<CalendarEventsResult> {
  const fn = "core_calendar_create_calendar_events";
  const result = parseResult(calendarEventsResultSchema, await client.call(fn, { events }), fn);
  return checkWarnings(client, fn, result, options);
}

/** What to search for. Group events only appear with `userevents: true`, and attendance session events only by `eventids`. */
export type CalendarEventsQuery = {
  events?: { eventids?: number[]; courseids?: number[]; groupids?: number[]; categoryids?: number[] };
  options?: {
    userevents?: boolean;
    siteevents?: boolean;
    timestart?: number;
    timeend?: number;
    ignorehidden?: boolean;
  };
};

/** Reads calendar events, e.g. to check which of our stored event ids still exist. */
export async function getCalendarEvents(
  client: MoodleClient,
  query: CalendarEventsQuery,
  options?: WarningsOptions,
): Promise<CalendarEventsResult> {
  const fn = "core_calendar_get_calendar_events";
  const result = parseResult(calendarEventsResultSchema, await client.call(fn, query), fn);
  return checkWarnings(client, fn, result, options);
}

/** Deletes events; `repeat: true` on a series' first event deletes the whole series. Moodle answers `null`. */
export async function deleteCalendarEvents(
  client: MoodleClient,
  events: { eventid: number; repeat: boolean | number }[],
): Promise<void> {
  const fn = "core_calendar_delete_calendar_events";
  parseResult(z.null(), await client.call(fn, { events }), fn);
}
