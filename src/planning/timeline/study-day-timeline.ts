import { DateTime } from "luxon";

/** The automated steps of a study day, in the order they happen. */
export const TIMELINE_STEPS = [
  "plan",
  "lecturer_reminders",
  "student_reminders",
  "publish",
  "briefing",
  "live",
  "counts",
  "cleanup",
] as const;

export type TimelineStep = (typeof TIMELINE_STEPS)[number];

/**
 * When each step is due, per platform. Day offsets count calendar days from the study day at a local wall-clock time;
 * the briefing goes on the last working day before; the live page opens before the first class and counts are
 * gathered after the last one ends.
 */
export interface TimelineSettings {
  planDaysBefore: number;
  remindDaysBefore: number;
  publishDaysBefore: number;
  cleanupDaysAfter: number;
  /** Local time ("HH:mm") of the day-offset steps (plan, reminders, publish, cleanup) and of the briefing. */
  stepTime: string;
  briefingTime: string;
  liveMinutesBefore: number;
  countsMinutesAfter: number;
}

export const DEFAULT_TIMELINE_SETTINGS: TimelineSettings = {
  planDaysBefore: 7,
  remindDaysBefore: 4,
  publishDaysBefore: 3,
  cleanupDaysAfter: 3,
  stepTime: "09:00",
  briefingTime: "12:00",
  liveMinutesBefore: 30,
  countsMinutesAfter: 60,
};

/** What the timeline needs of a day: its local date and its first start and last end (instants). */
export interface TimelineDay {
  date: string;
  firstStart: Date | null;
  lastEnd: Date | null;
}

export type Timeline = Record<TimelineStep, Date>;

/** A local date and time as an instant; a wall-clock time in the spring-forward gap is moved forward, as clocks are. */
function at(date: DateTime, time: string): Date {
  const [h, m] = time.split(":").map(Number);
  return date.set({ hour: h ?? 0, minute: m ?? 0, second: 0, millisecond: 0 }).toJSDate();
}

/** The last working day (Monday to Friday, not a holiday) before a local date. */
export function lastWorkingDayBefore(date: string, holidays: ReadonlySet<string>, zone: string): string {
  let d = DateTime.fromISO(date, { zone }).minus({ days: 1 });
  while (d.weekday >= 6 || holidays.has(d.toISODate()!)) d = d.minus({ days: 1 });
  return d.toISODate()!;
}

/**
 * Each step's due instant for one study day: calendar days counted in the platform's zone (so a step at 09:00 stays
 * at 09:00 local time across a daylight-saving change, and its UTC instant moves), the briefing on the last working
 * day before (a Friday for a Saturday or Monday day; a holiday Friday moves it to Thursday). Pure: no clock, no database.
 */
export function studyDayTimeline(
  day: TimelineDay,
  settings: TimelineSettings,
  holidays: ReadonlySet<string>,
  zone: string,
): Timeline {
  const d = DateTime.fromISO(day.date, { zone }).startOf("day");
  const offset = (days: number) => at(d.plus({ days }), settings.stepTime);
  const first = day.firstStart ?? at(d, settings.stepTime);
  const last = day.lastEnd ?? at(d, "18:00");
  const briefing = DateTime.fromISO(lastWorkingDayBefore(day.date, holidays, zone), { zone });
  return {
    plan: offset(-settings.planDaysBefore),
    lecturer_reminders: offset(-settings.remindDaysBefore),
    student_reminders: offset(-settings.remindDaysBefore),
    publish: offset(-settings.publishDaysBefore),
    briefing: at(briefing, settings.briefingTime),
    live: new Date(first.getTime() - settings.liveMinutesBefore * 60_000),
    counts: new Date(last.getTime() + settings.countsMinutesAfter * 60_000),
    cleanup: offset(settings.cleanupDaysAfter),
  };
}
