import { formatDateTime, formatDay } from "../i18n/format.js";
import type { Locale } from "../lti/actor.js";
import type { ClassPublicationRow } from "./publish/publication-queries.js";
import type { ClassChangeRow, ClassPage, DayPlan, StudyClassRow, ZoomHostRow } from "./queries.js";
import { isRestorable } from "./restore-class.js";
import { localParts } from "./slots.js";

/** One row of the day plan as the view shows it. */
export interface ClassView {
  id: number;
  time: string;
  start: string;
  end: string;
  courseRef: string;
  courseTitle: string;
  lecturerName: string;
  lecturerEmail: string;
  groups: string;
  isOnline: boolean;
  room: string;
  state: string;
  isCancelled: boolean;
  hostEmail: string | null;
  joinUrl: string | null;
  isManualLink: boolean;
  meetingId: string | null;
  passcode: string | null;
  zoomError: string | null;
}

/** Zoom shows meeting ids in groups of 3-4 digits: 85746065432 -> "857 4606 5432". */
export function formatMeetingId(id: string | null): string | null {
  if (!id) return null;
  return id.length >= 10 ? `${id.slice(0, 3)} ${id.slice(3, id.length - 4)} ${id.slice(-4)}` : id;
}

/** A class row for the plan; the host's start_url is never stored, so it can never be shown. */
export function presentClass(c: StudyClassRow, hosts: ReadonlyMap<number, ZoomHostRow>, zone: string): ClassView {
  const start = localParts(c.startsAt, zone).time;
  const end = localParts(c.endsAt, zone).time;
  const isManualLink = c.linkMode === "manual";
  return {
    id: c.id,
    time: `${start}–${end}`,
    start,
    end,
    courseRef: c.courseRef,
    courseTitle: c.courseTitle,
    lecturerName: c.lecturerName,
    lecturerEmail: c.lecturerEmail,
    groups: c.groups,
    isOnline: c.isOnline,
    room: c.room,
    state: c.state,
    isCancelled: c.state === "cancelled",
    hostEmail: c.zoomHostId ? (hosts.get(c.zoomHostId)?.email ?? null) : null,
    joinUrl: isManualLink ? c.manualUrl : c.joinUrl,
    isManualLink,
    meetingId: isManualLink ? null : formatMeetingId(c.meetingId),
    passcode: isManualLink ? null : c.passcode,
    zoomError: c.zoomError,
  };
}

/** The day plan: online classes first in time order (as the plan is read), then on-site ones. */
export function presentDay(classDate: string, rows: StudyClassRow[], hosts: ZoomHostRow[], zone: string) {
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const classes = rows.map((c) => presentClass(c, byId, zone));
  const online = classes.filter((c) => c.isOnline);
  const waiting = online.filter((c) => !c.isCancelled && !c.isManualLink && !c.hostEmail);
  const failed = online.filter((c) => !c.isCancelled && c.zoomError);
  return { classDate, online, onSite: classes.filter((c) => !c.isOnline), waiting, failed };
}

/** A class's history lines for the edit page. */
export function presentHistory(changes: ClassChangeRow[], zone: string) {
  return changes.map((ch) => {
    const created = ch.kind === "imported" && Object.values(ch.diff).every((d) => d.from === null);
    return {
      at: formatDateTime(ch.at, zone),
      by: ch.byName || ch.byUserId,
      kind: created ? "created" : ch.kind,
      fields: created ? [] : Object.keys(ch.diff),
    };
  });
}

/** Each class's last publishing outcome by class id, for the plan's Moodle column. */
export function presentPublications(
  rows: ClassPublicationRow[],
): Record<number, { status: string; errorKey: string | null; errorParams: Record<string, string | number> }> {
  return Object.fromEntries(
    rows.map((p) => [p.classId, { status: p.status, errorKey: p.errorKey, errorParams: p.errorParams ?? {} }]),
  );
}

/** The last announcement attempt's problem for the plan page (with when it happened), or null when it did not fail. */
export function presentAnnouncementProblem(
  attempt: {
    status: string;
    errorKey: string | null;
    errorParams: Record<string, string | number> | null;
    attemptedAt: Date;
  } | null,
  zone: string,
) {
  if (attempt?.status !== "failed" || !attempt.errorKey) return null;
  return { key: attempt.errorKey, params: attempt.errorParams ?? {}, at: formatDateTime(attempt.attemptedAt, zone) };
}

/** The study-day index's dates, each with its label as people write it ("sestdiena, 17.10.2026"). */
export function presentPlanDates<D extends { classDate: string }>(dates: D[], locale: Locale) {
  return dates.map((d) => ({ ...d, label: formatDay(locale, d.classDate) }));
}

/** What the day's plan says after a redirect back to it: a notice, the Zoom and publishing results, a cancelled class. */
export interface DayNotices {
  notice?: string;
  zoom?: string;
  published?: string;
  /** The class just cancelled (0: none). */
  class: number;
}

/** The day's plan page: the classes by kind, Zoom and Moodle results, and whether a cancelled class can come back. */
export function presentDayPage(plan: DayPlan, notices: DayNotices, locale: Locale, now: Date) {
  const zone = plan.settings.timezone;
  return {
    ...presentDay(plan.classDate, plan.rows, plan.hosts, zone),
    isRestorable: isRestorable(plan.classDate, now, zone),
    cancelledId: notices.class || null,
    dateLabel: formatDay(locale, plan.classDate, "long"),
    publications: presentPublications(plan.publications),
    notice: notices.notice,
    zoomResult: notices.zoom,
    published: notices.published,
    announcementProblem: presentAnnouncementProblem(plan.announcement, zone),
  };
}

/** The fields of the class edit form, in its order. */
export const EDIT_FIELDS = ["start", "end", "lecturerName", "lecturerEmail", "groups", "manualUrl"] as const;

/** A refused edit: what was typed and a message per field. */
export interface EditFailure {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** The class edit page: the class, the form's values (as typed after a refusal, else as saved), messages, history. */
export function presentEditPage(page: ClassPage, locale: Locale, failure?: EditFailure) {
  const zone = page.settings.timezone;
  const cls = presentClass(page.row, new Map(page.hosts.map((h) => [h.id, h])), zone);
  const saved = { start: cls.start, end: cls.end, lecturerName: cls.lecturerName, lecturerEmail: cls.lecturerEmail };
  return {
    cls,
    classDate: page.row.classDate,
    dateLabel: formatDay(locale, page.row.classDate, "long"),
    values: failure
      ? Object.fromEntries(EDIT_FIELDS.map((f) => [f, failure.values[f] ?? ""]))
      : { ...saved, groups: cls.groups, manualUrl: page.row.manualUrl ?? "" },
    errors: failure?.errors ?? {},
    history: presentHistory(page.changes, zone),
  };
}
