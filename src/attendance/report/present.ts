import { DateTime } from "luxon";
import { escapeHtml } from "../../http/html.js";
import { formatNumber, formatPercent } from "../../i18n/format.js";
import type { Locale } from "../../lti/actor.js";
import type { ReportInput, ReportRow } from "./build-report.js";

/**
 * The lecturer's report: a row per student with points and both percentages (formatted for the locale: "9,1 %"),
 * counts per acronym and an acronym per session; a header per session.
 */
export function presentReport(input: ReportInput, rows: ReportRow[], zone: string, locale: Locale) {
  const acronyms = [...new Set(input.statuses.map((s) => s.acronym))];
  const acronymOf = new Map(input.statuses.map((s) => [s.id, s.acronym]));
  const sessions = input.sessions.map((s) => {
    const at = DateTime.fromJSDate(s.startsAt, { zone }).setLocale(locale);
    return { id: s.id, day: at.toFormat("dd.MM"), time: at.toFormat("HH:mm"), label: at.toFormat("dd.MM.yyyy HH:mm") };
  });
  const countsBySession = new Map<number, Record<string, number>>(input.sessions.map((s) => [s.id, {}]));
  for (const m of input.marks) {
    const counts = countsBySession.get(m.sessionId);
    const a = acronymOf.get(m.statusId) ?? "?";
    if (counts) counts[a] = (counts[a] ?? 0) + 1;
  }
  const perSession = input.sessions.map((s) => acronyms.map((a) => countsBySession.get(s.id)![a] ?? 0));
  const shownAcronym = new Map<string, string>([
    ["", "·"],
    ...acronyms.map((a): [string, string] => [a, escapeHtml(a)]),
    ["?", "?"],
  ]);
  return {
    acronyms,
    sessions,
    perSession,
    rows: rows.map((r) => {
      const byAcronym: Record<string, number> = {};
      for (const [id, n] of Object.entries(r.totals.counts))
        byAcronym[acronymOf.get(Number(id)) ?? "?"] = (byAcronym[acronymOf.get(Number(id)) ?? "?"] ?? 0) + n;
      // The user id as a URL path segment: encodeURIComponent leaves no character that could end a quoted attribute.
      const userKey = encodeURIComponent(r.student.userId);
      return {
        userId: r.student.userId,
        userKey,
        name: r.student.name,
        isEnrolled: r.student.isEnrolled,
        /**
         * The row's cells as finished, escaped HTML: 300 students x 60 sessions is 18,000 cells, and writing them
         * here once costs a fraction of 18,000 template iterations with three escapes each. A cell links to the
         * mark's history; a session the student is not expected at is a grey, empty cell.
         */
        cellsHtml: r.cells
          .map((c) =>
            c.expected
              ? `<td><a href="sessions/${c.sessionId}/students/${userKey}/history">${shownAcronym.get(c.acronym) ?? escapeHtml(c.acronym)}</a></td>`
              : '<td class="bg-body-tertiary"></td>',
          )
          .join(""),
        counts: acronyms.map((a) => byAcronym[a] ?? 0),
        points: formatNumber(locale, r.totals.points),
        maxPoints: formatNumber(locale, input.basis === "all" ? r.totals.maxPointsHeld : r.totals.maxPointsTaken),
        percentTaken: formatPercent(locale, r.totals.percentTaken),
        percentAll: formatPercent(locale, r.totals.percentAll),
        /** The percentage that counts (the activity's basis), for the phone list. */
        percent: formatPercent(locale, input.basis === "all" ? r.totals.percentAll : r.totals.percentTaken),
        trend: r.trend,
      };
    }),
  };
}
