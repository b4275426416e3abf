import { DateTime } from "luxon";
import type { T } from "../i18n/i18n.js";
import type { Locale } from "../lti/actor.js";
import type { AtRiskLine } from "./get-at-risk.js";
import type { ListSignals } from "./moodle-signals.js";

/** Days the at-risk list looks ahead for assignments due. */
export const DUE_DAYS = 7;

/** One line's Moodle columns: when the student last opened the course, what they owe in the next days. */
export interface SignalsCells {
  lastOpened: string;
  /** Whole days since the last opening (null: never or unknown), for the "long ago" highlight. */
  daysAway: number | null;
  dueCount: number | null;
  dueList: string;
}

/** Calendar days between the last opening and `now`, in the course's zone. */
function daysSince(at: Date, now: Date, zone: string): number {
  const from = DateTime.fromJSDate(at, { zone }).startOf("day");
  return Math.max(0, Math.round(DateTime.fromJSDate(now, { zone }).startOf("day").diff(from, "days").days));
}

export function presentSignalCells(
  signals: ListSignals,
  line: AtRiskLine,
  t: T,
  locale: Locale,
  now: Date,
): SignalsCells {
  const s = signals.of(line);
  if (!s) return { lastOpened: "—", daysAway: null, dueCount: null, dueList: "" };
  const days = s.lastCourseAccess ? daysSince(s.lastCourseAccess, now, line.timezone) : null;
  const day = (d: Date) =>
    DateTime.fromJSDate(d, { zone: line.timezone })
      .setLocale(locale)
      .toFormat(locale === "lv" ? "d. MMM" : "d MMM");
  return {
    lastOpened:
      days === null ? t("signals.never") : days === 0 ? t("signals.today") : t("signals.days_ago", { count: days }),
    daysAway: days,
    dueCount: signals.missing.length ? null : s.dueNotSubmitted.length,
    dueList: s.dueNotSubmitted.map((a) => `${a.name} (${day(a.dueAt)})`).join("; "),
  };
}

/** The note above the list when Moodle gave less than everything. */
export function presentSignalsNote(signals: ListSignals, t: T): string | null {
  if (signals.state !== "partial") return null;
  const parts: string[] = [];
  if (signals.missing.length)
    parts.push(
      t(signals.missing.length === 1 ? "signals.missing_function" : "signals.missing_functions", {
        functions: signals.missing.join(", "),
      }),
    );
  if (signals.unavailable) parts.push(t("signals.unavailable", { count: signals.unavailable }));
  return parts.join(" ");
}
