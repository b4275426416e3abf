import { DateTime } from "luxon";
import type { ExpectedSession } from "../attendance/index.js";
import type { ExcuseState } from "../db/schema.js";
import { formatDateTime, formatDay, formatNumber } from "../i18n/format.js";
import type { T } from "../i18n/i18n.js";
import type { Locale } from "../lti/actor.js";
import { fileSizeParts } from "./excuse-file.js";
import type { ExcuseListRow } from "./queries.js";

interface View {
  zone: string;
  locale: Locale;
  t: T;
}

const BADGE: Record<ExcuseState, string> = {
  waiting: "text-bg-warning",
  approved: "text-bg-success",
  refused: "text-bg-danger",
  withdrawn: "text-bg-secondary",
};

/** "ceturtdiena, 01.10.2026 09:00–10:30" / "Thursday, 1 Oct 2026 09:00–10:30", in the course's zone. */
export function sessionLabel(s: { startsAt: Date; endsAt: Date }, zone: string, locale: Locale): string {
  const from = DateTime.fromJSDate(s.startsAt, { zone });
  const to = DateTime.fromJSDate(s.endsAt, { zone });
  return `${formatDay(locale, from.toISODate()!)} ${from.toFormat("HH:mm")}–${to.toFormat("HH:mm")}`;
}

/** A file size as the reader writes it: "120 KB", "1,2 MB". */
export function fileSize(size: number, locale: Locale): string {
  const { value, unit } = fileSizeParts(size);
  return `${formatNumber(locale, value)} ${unit}`;
}

/**
 * The sessions a student may report (pure): coming ones first (soonest first), then past ones (latest first),
 * each with whether a waiting or approved request already covers it.
 */
export function presentSessionChoices(sessions: ExpectedSession[], open: Set<number>, now: Date, view: View) {
  const option = (s: ExpectedSession) => ({
    id: s.id,
    label: [sessionLabel(s, view.zone, view.locale), s.description].filter(Boolean).join(" · "),
    isReported: open.has(s.id),
  });
  return {
    upcoming: sessions.filter((s) => s.endsAt > now).map(option),
    past: sessions
      .filter((s) => s.endsAt <= now)
      .reverse()
      .map(option),
  };
}

/** One request as both lists show it; `fileHref` only when a file came with it. */
export function presentExcuse(row: ExcuseListRow, activityId: number, view: View) {
  return {
    id: row.id,
    student: row.studentName,
    session: sessionLabel(row, view.zone, view.locale),
    reason: row.reason,
    state: row.state,
    stateLabel: view.t(`excuses.state.${row.state}`),
    badge: BADGE[row.state],
    isWaiting: row.state === "waiting",
    note: row.decisionNote,
    decided:
      row.decidedAt && row.state !== "withdrawn"
        ? view.t("excuses.list.decided_by", { name: row.decidedByName, at: formatDateTime(row.decidedAt, view.zone) })
        : null,
    sent: view.t("excuses.list.sent_on", { at: formatDateTime(row.createdAt, view.zone) }),
    file:
      row.fileName !== null
        ? {
            name: row.fileName,
            size: fileSize(row.fileSize ?? 0, view.locale),
            href: `/activities/${activityId}/excuses/${row.id}/file`,
            removed: row.fileSize === 0, // emptied by housekeeping after EXCUSE_FILE_RETENTION_DAYS
          }
        : null,
  };
}

export type PresentedExcuse = ReturnType<typeof presentExcuse>;
