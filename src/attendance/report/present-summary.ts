import { DateTime } from "luxon";
import { formatNumber, formatPercent } from "../../i18n/format.js";
import type { Locale } from "../../lti/actor.js";
import type { ReportInput } from "./build-report.js";
import type { SessionSummary, StudentSummary } from "./build-summary.js";

/** The summary page's view: a row per held session (latest first) and a row per student with the recent percentages. */
export function presentSummary(
  input: ReportInput,
  summary: { sessions: SessionSummary[]; students: StudentSummary[] },
  zone: string,
  locale: Locale,
) {
  const acronyms = [...new Set(input.statuses.map((s) => s.acronym))];
  const acronymOf = new Map(input.statuses.map((s) => [s.id, s.acronym]));
  const byAcronym = (counts: Record<number, number>) => {
    const out: Record<string, number> = {};
    for (const [id, n] of Object.entries(counts))
      out[acronymOf.get(Number(id)) ?? "?"] = (out[acronymOf.get(Number(id)) ?? "?"] ?? 0) + n;
    return acronyms.map((a) => out[a] ?? 0);
  };
  return {
    acronyms,
    sessions: [...summary.sessions].reverse().map((s) => {
      const at = DateTime.fromJSDate(s.startsAt, { zone }).setLocale(locale);
      return {
        id: s.sessionId,
        label: at.toFormat("dd.MM.yyyy HH:mm"),
        expected: s.expected,
        counts: byAcronym(s.counts),
        unmarked: s.unmarked,
        percent: formatPercent(locale, s.percent),
      };
    }),
    students: summary.students.map(({ row, series }) => ({
      userId: row.student.userId,
      name: row.student.name,
      percent: formatPercent(locale, row.percent),
      trend: row.trend,
      series: series.every((p) => p === null)
        ? "—"
        : series.map((p) => (p === null ? "—" : formatNumber(locale, p))).join(" → "),
      recent: row.cells
        .filter((c) => c.expected && c.acronym)
        .slice(-SERIES_ACRONYMS)
        .map((c) => c.acronym)
        .join(" "),
    })),
  };
}

const SERIES_ACRONYMS = 6;
