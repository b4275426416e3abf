import { DateTime } from "luxon";
import type { Locale } from "../../lti/actor.js";
import type { SessionWithGroups } from "./queries.js";

export type SessionView = "day" | "week" | "month" | "all";
export const SESSION_VIEWS: readonly SessionView[] = ["day", "week", "month", "all"];

/** The period a list shows: the day, ISO week or month around `at` (local), with its neighbours; null for "all". */
export function periodOf(view: SessionView, at: string | undefined, now: Date, zone: string) {
  if (view === "all") return null;
  const parsed = at ? DateTime.fromISO(at, { zone }) : DateTime.fromJSDate(now, { zone });
  const start = (parsed.isValid ? parsed : DateTime.fromJSDate(now, { zone })).startOf(view);
  const end = start.plus({ [`${view}s`]: 1 });
  return {
    from: start.toJSDate(),
    to: end.toJSDate(),
    prev: start.minus({ [`${view}s`]: 1 }).toISODate(),
    next: end.toISODate(),
    start,
  };
}

/** "Today first": today's and later sessions in time order, then past ones, latest first. */
export function todayFirst<T extends { startsAt: Date }>(rows: T[], now: Date, zone: string): T[] {
  const today = DateTime.fromJSDate(now, { zone }).startOf("day").toJSDate();
  const coming = rows.filter((r) => r.startsAt >= today);
  const past = rows.filter((r) => r.startsAt < today).reverse();
  return [...coming, ...past];
}

/** One row of the sessions list, in the course's zone and the reader's language. */
export function presentSession(
  s: SessionWithGroups,
  zone: string,
  locale: Locale,
  now: Date,
  progress?: { marked: number; expected: number },
) {
  const start = DateTime.fromJSDate(s.startsAt, { zone }).setLocale(locale);
  const end = DateTime.fromJSDate(s.endsAt, { zone });
  return {
    id: s.id,
    date: start.toISODate() ?? "",
    dateLabel: start.toFormat(locale === "lv" ? "ccc, d. LLL yyyy" : "ccc d LLL yyyy"),
    startTime: start.toFormat("HH:mm"),
    endTime: end.toFormat("HH:mm"),
    description: s.description,
    room: s.room ?? "",
    lecturerUserId: s.lecturerUserId ?? "",
    groups: s.groups.map((g) => g.name),
    groupIds: s.groups.map((g) => g.id),
    setId: s.setId,
    isTaken: progress ? progress.expected > 0 && progress.marked >= progress.expected : s.takenAt !== null,
    /** Some but not all of the register's students marked: the list says "2 of 25 marked", never "Taken". */
    isPartlyTaken: progress ? progress.marked > 0 && progress.marked < progress.expected : false,
    marked: progress?.marked ?? 0,
    expected: progress?.expected ?? 0,
    isToday: start.hasSame(DateTime.fromJSDate(now, { zone }), "day"),
    isRepeat: s.seriesId !== null,
  };
}
