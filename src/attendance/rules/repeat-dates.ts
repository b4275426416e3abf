import { DateTime } from "luxon";

/** A weekly repeat rule in the course's local time. */
export interface RepeatRule {
  /** First calendar day (yyyy-MM-dd), local. */
  from: string;
  /** Last calendar day (yyyy-MM-dd), inclusive. */
  until: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  weekdays: number[];
  /** 1 = every week, 2 = every other week... counted from the week of `from`. */
  everyWeeks: number;
  /** Local wall-clock start and end, HH:mm. */
  startTime: string;
  endTime: string;
  zone: string;
}

export interface SessionSlot {
  startsAt: Date;
  endsAt: Date;
}

/** The most sessions one rule may make, so a typo in a year cannot make thousands. */
export const MAX_REPEAT_SESSIONS = 400;

/** A local date and wall-clock time as an instant; a time skipped by a DST change moves forward, as clocks do. */
export function localInstant(date: string, time: string, zone: string): DateTime {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  return DateTime.fromISO(date, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
}

/**
 * Every session of a weekly rule. Calendar days are walked as plain dates (no clock arithmetic), and each
 * day's start and end are built from the local wall-clock time, so a 9:00 class stays 9:00 across both
 * daylight-saving changes, with no date twice and none missing. An end at or before the start ends next day.
 */
export function repeatDates(rule: RepeatRule): SessionSlot[] {
  const first = DateTime.fromISO(rule.from, { zone: "utc" });
  const last = DateTime.fromISO(rule.until, { zone: "utc" });
  if (!first.isValid || !last.isValid || last < first) return [];
  const firstWeek = first.startOf("week");
  const days = new Set(rule.weekdays);
  const out: SessionSlot[] = [];
  for (let day = first; day <= last && out.length < MAX_REPEAT_SESSIONS; day = day.plus({ days: 1 })) {
    const week = Math.round(day.startOf("week").diff(firstWeek, "weeks").weeks);
    if (!days.has(day.weekday) || week % rule.everyWeeks !== 0) continue;
    const date = day.toISODate() ?? "";
    const start = localInstant(date, rule.startTime, rule.zone);
    let end = localInstant(date, rule.endTime, rule.zone);
    if (end <= start) end = localInstant(day.plus({ days: 1 }).toISODate() ?? "", rule.endTime, rule.zone);
    out.push({ startsAt: start.toJSDate(), endsAt: end.toJSDate() });
  }
  return out;
}
