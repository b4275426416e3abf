import { DateTime } from "luxon";
import type { Locale } from "../../lti/actor.js";
import type { SessionWithGroups } from "./queries.js";
import type { SessionView } from "./schemas.js";

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

/** The sessions list: the period's label and neighbours (none for "all", which shows today first) and its rows. */
export function presentSessionsList(l: {
  sessions: SessionWithGroups[];
  view: SessionView;
  period: ReturnType<typeof periodOf>;
  progress: ReadonlyMap<number, { marked: number; expected: number }>;
  zone: string;
  locale: Locale;
  now: Date;
}) {
  const ordered = l.period ? l.sessions : todayFirst(l.sessions, l.now, l.zone);
  return {
    view: l.view,
    period: l.period && {
      prev: l.period.prev,
      next: l.period.next,
      label: l.period.start.setLocale(l.locale).toFormat(l.view === "month" ? "LLLL yyyy" : "d. LLL yyyy"),
    },
    sessions: ordered.map((s) => presentSession(s, l.zone, l.locale, l.now, l.progress.get(s.id))),
  };
}

/** The bulk change's form: the sessions chosen and the values typed (kept after a refused change). */
export function presentBulkForm(values: Record<string, unknown> = {}) {
  return {
    chosen: [values.sessionIds ?? []].flat().map(String),
    startTime: String(values.startTime ?? ""),
    durationMinutes: String(values.durationMinutes ?? ""),
  };
}

/** A session as the edit form shows it: its fields, with its groups and set as the form's strings. */
export function presentSessionForm(s: SessionWithGroups, zone: string, locale: Locale, now: Date) {
  const v = presentSession(s, zone, locale, now);
  return { ...v, groupIds: v.groupIds.map(String), setId: String(v.setId) };
}

/** What the user typed into a refused session form, to show again: the texts, and the groups and weekdays ticked. */
export function presentTypedSession(typed: Record<string, string>, body: Record<string, unknown>) {
  return {
    ...typed,
    groupIds: [body.groupIds ?? []].flat().map(String),
    weekdays: [body.weekdays ?? []].flat().map(String),
  };
}

/** The lecturers a session can name: the course's members who are not learners. */
export function presentLecturers(members: { userId: string; name: string; isLearner: boolean }[]) {
  return members.filter((m) => !m.isLearner).map((m) => ({ userId: m.userId, name: m.name || m.userId }));
}
