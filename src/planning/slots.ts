import { DateTime } from "luxon";

/** A named teaching period of a study day, in local wall-clock time ("HH:mm"). */
export interface Slot {
  no: number;
  start: string;
  end: string;
}

/** The centre's default day: slot 1 9:00–12:00, slot 2 12:45–15:45 (institutions may configure their own). */
export const DEFAULT_SLOTS: readonly Slot[] = [
  { no: 1, start: "09:00", end: "12:00" },
  { no: 2, start: "12:45", end: "15:45" },
];

export const DEFAULT_ZONE = "Europe/Riga";

/** A half-open instant range [startsAt, endsAt) in UTC. */
export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export type TimeProblem = "bad_date" | "bad_time" | "no_such_local_time" | "end_before_start" | "unknown_slot";

/** A local date and wall-clock time in the zone, or null when that time does not exist there (the spring-forward gap). */
export function localInstant(date: string, time: string, zone: string): Date | null {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dt.isValid) return null;
  // luxon moves a time inside the DST gap forward; the wall clock then differs from what was asked.
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== `${date}T${time}`) return null;
  return dt.toJSDate();
}

/** Converts a date and its local start/end times to UTC instants, or says what is wrong. */
export function intervalOf(
  date: string,
  start: string,
  end: string,
  zone: string,
): Interval | { problem: TimeProblem } {
  if (!DateTime.fromISO(date, { zone }).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { problem: "bad_date" };
  if (!/^\d{2}:\d{2}$/.test(start) || !/^\d{2}:\d{2}$/.test(end)) return { problem: "bad_time" };
  const startsAt = localInstant(date, start, zone);
  const endsAt = localInstant(date, end, zone);
  if (!startsAt || !endsAt) return { problem: "no_such_local_time" };
  if (endsAt <= startsAt) return { problem: "end_before_start" };
  return { startsAt, endsAt };
}

/** The UTC instants of a numbered slot on a date. */
export function slotInterval(
  date: string,
  slotNo: number,
  slots: readonly Slot[],
  zone: string,
): Interval | { problem: TimeProblem } {
  const slot = slots.find((s) => s.no === slotNo);
  if (!slot) return { problem: "unknown_slot" };
  return intervalOf(date, slot.start, slot.end, zone);
}

/** The slot a local start/end falls inside (a class may be shorter than its slot), or null when it is outside every slot. */
export function slotContaining(start: string, end: string, slots: readonly Slot[]): Slot | null {
  return slots.find((s) => s.start <= start && end <= s.end && start < end) ?? null;
}

/** Local "yyyy-MM-dd" and "HH:mm" of an instant in the zone (for views and Zoom's local start_time). */
export function localParts(at: Date, zone: string): { date: string; time: string; weekday: number } {
  const dt = DateTime.fromJSDate(at, { zone });
  return { date: dt.toFormat("yyyy-MM-dd"), time: dt.toFormat("HH:mm"), weekday: dt.weekday };
}

/** Is the local date a Sunday (no classes then)? */
export function isSunday(date: string, zone: string): boolean {
  return DateTime.fromISO(date, { zone }).weekday === 7;
}

/** Checks a slot list: "HH:mm" times, start before end, numbered uniquely, not overlapping. */
export function validSlots(slots: readonly Slot[]): boolean {
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (slots.length === 0 || new Set(slots.map((s) => s.no)).size !== slots.length) return false;
  const sorted = [...slots].sort((a, b) => a.start.localeCompare(b.start));
  return sorted.every(
    (s, i) => hhmm.test(s.start) && hhmm.test(s.end) && s.start < s.end && (i === 0 || sorted[i - 1]!.end <= s.start),
  );
}
