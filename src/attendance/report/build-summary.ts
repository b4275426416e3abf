import type { ReportInput, ReportRow } from "./build-report.js";
import { attendanceTotals, chosenPercent } from "../rules/percentages.js";

/** How many of the latest held sessions the per-student trend line shows. */
export const SUMMARY_POINTS = 6;

export interface SessionSummary {
  sessionId: number;
  startsAt: Date;
  expected: number;
  /** Marks per status id. */
  counts: Record<number, number>;
  unmarked: number;
  /** Points given / most points of the marked students (null: nobody marked). */
  percent: number | null;
}

export interface StudentSummary {
  row: ReportRow;
  /** The chosen percentage as it stood after each of the last SUMMARY_POINTS held sessions, oldest first. */
  series: (number | null)[];
}

/** Whether a session counts as held: it has started, or someone is already marked in it. */
const isHeld = (input: ReportInput, sessionId: number, startsAt: Date) =>
  startsAt <= input.now || input.marks.some((m) => m.sessionId === sessionId);

/**
 * The course summary (pure): per session held, how many were expected, the counts per status, how many are
 * unmarked and the session's percentage; per student, the chosen percentage after each recent session, so
 * a lecturer sees who is slipping before the total shows it.
 */
export function buildSummary(
  input: ReportInput,
  rows: ReportRow[],
): { sessions: SessionSummary[]; students: StudentSummary[] } {
  const statuses = new Map(input.statuses.map((s) => [s.id, s]));
  const maxBySet = new Map<number, number>();
  for (const s of input.statuses) maxBySet.set(s.setId, Math.max(maxBySet.get(s.setId) ?? 0, s.points));
  const held = input.sessions.map((s, i) => ({ s, i })).filter(({ s }) => isHeld(input, s.id, s.startsAt));
  const sessions = held.map(({ s, i }) => {
    const counts: Record<number, number> = {};
    let expected = 0;
    let points = 0;
    let marked = 0;
    for (const r of rows) {
      const c = r.cells[i]!;
      if (!c.expected) continue;
      expected++;
      if (c.statusId === null) continue;
      marked++;
      counts[c.statusId] = (counts[c.statusId] ?? 0) + 1;
      points += statuses.get(c.statusId)?.points ?? 0;
    }
    const max = marked * (maxBySet.get(s.setId) ?? 0);
    return {
      sessionId: s.id,
      startsAt: s.startsAt,
      expected,
      counts,
      unmarked: expected - marked,
      percent: max > 0 ? Math.round((points / max) * 1000) / 10 : null,
    };
  });
  const students = rows.map((row) => {
    const scores = held
      .filter(({ i }) => row.cells[i]!.expected)
      .map(({ s, i }) => ({
        startsAt: s.startsAt,
        maxPoints: maxBySet.get(s.setId) ?? 0,
        statusId: row.cells[i]!.statusId,
        points: row.cells[i]!.statusId === null ? null : (statuses.get(row.cells[i]!.statusId!)?.points ?? 0),
      }));
    const from = Math.max(scores.length - SUMMARY_POINTS, 0);
    const series = scores
      .slice(from)
      .map((_, k) => chosenPercent(attendanceTotals(scores.slice(0, from + k + 1), input.now), input.basis));
    return { row, series };
  });
  return { sessions, students };
}
