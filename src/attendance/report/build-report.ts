import { comparePeople } from "../../i18n/compare-people.js";
import {
  attendanceTotals,
  chosenPercent,
  type AttendanceTotals,
  type PercentBasis,
  type SessionScore,
} from "../rules/percentages.js";

export interface ReportSession {
  id: number;
  startsAt: Date;
  setId: number;
  groupIds: number[];
}
export interface ReportStudent {
  userId: string;
  name: string;
  isEnrolled: boolean;
  leftAt: Date | null;
  groupIds: number[];
  /** Family and given name, for the one order of people (comparePeople); without them `name` is used. */
  familyName?: string;
  givenName?: string;
}
export interface ReportStatus {
  id: number;
  setId: number;
  acronym: string;
  points: number;
}
export interface ReportMark {
  sessionId: number;
  userId: string;
  statusId: number;
}

export interface ReportInput {
  sessions: ReportSession[];
  students: ReportStudent[];
  statuses: ReportStatus[];
  marks: ReportMark[];
  basis: PercentBasis;
  now: Date;
}

export interface ReportFilter {
  groupId?: number;
  belowPercent?: number;
  sort?: "name" | "percent";
  descending?: boolean;
}

export interface ReportCell {
  sessionId: number;
  expected: boolean;
  statusId: number | null;
  acronym: string;
}
export interface ReportRow {
  student: ReportStudent;
  cells: ReportCell[];
  totals: AttendanceTotals;
  percent: number | null;
  /** The same percentage over the last few sessions held, against the whole: "up", "down" or "steady" (null: too few). */
  trend: "up" | "down" | "steady" | null;
}

/** How many of the latest sessions held the trend looks at, and how far (points of percent) counts as a change. */
export const TREND_WINDOW = 4;
const TREND_MARGIN = 10;

/** A student's trend (pure): the chosen percentage over the last TREND_WINDOW sessions held against the whole. */
export function trendOf(
  scores: SessionScore[],
  basis: PercentBasis,
  now: Date,
  overall: number | null,
): ReportRow["trend"] {
  const held = scores.filter((s) => s.startsAt <= now || s.points !== null);
  if (held.length <= TREND_WINDOW || overall === null) return null;
  const recent = chosenPercent(attendanceTotals(held.slice(-TREND_WINDOW), now), basis);
  if (recent === null) return null;
  return recent >= overall + TREND_MARGIN ? "up" : recent <= overall - TREND_MARGIN ? "down" : "steady";
}

/** Whether a student belongs at a session: its groups (none: everyone), and enrolled when it started. */
export function isExpected(student: ReportStudent, session: ReportSession): boolean {
  const inGroup = session.groupIds.length === 0 || session.groupIds.some((g) => student.groupIds.includes(g));
  const enrolled = student.isEnrolled || (student.leftAt !== null && student.leftAt > session.startsAt);
  return inGroup && enrolled;
}

/**
 * The students x sessions report (pure): a cell per session, totals and the chosen percentage per student,
 * filtered by group and "below X %", sorted by name or percentage. A marked session always counts, even if
 * the student is no longer expected at it.
 */
export function buildReport(input: ReportInput, filter: ReportFilter = {}): ReportRow[] {
  const statuses = new Map(input.statuses.map((s) => [s.id, s]));
  const maxBySet = new Map<number, number>();
  for (const s of input.statuses) maxBySet.set(s.setId, Math.max(maxBySet.get(s.setId) ?? 0, s.points));
  const marksByUser = new Map<string, Map<number, number>>();
  for (const m of input.marks) {
    let mine = marksByUser.get(m.userId);
    if (!mine) marksByUser.set(m.userId, (mine = new Map()));
    mine.set(m.sessionId, m.statusId);
  }
  const rows = input.students
    .filter((st) => filter.groupId === undefined || st.groupIds.includes(filter.groupId))
    .map((student) => {
      const mine = marksByUser.get(student.userId);
      const cells: ReportCell[] = [];
      const scores: SessionScore[] = [];
      for (const session of input.sessions) {
        const statusId = mine?.get(session.id) ?? null;
        const status = statusId === null ? undefined : statuses.get(statusId);
        const expected = statusId !== null || isExpected(student, session);
        cells.push({
          sessionId: session.id,
          expected,
          statusId,
          acronym: statusId === null ? "" : (status?.acronym ?? "?"),
        });
        if (expected)
          scores.push({
            startsAt: session.startsAt,
            maxPoints: maxBySet.get(session.setId) ?? 0,
            statusId,
            points: statusId === null ? null : (status?.points ?? 0),
          });
      }
      const totals = attendanceTotals(scores, input.now);
      const percent = chosenPercent(totals, input.basis);
      return { student, cells, totals, percent, trend: trendOf(scores, input.basis, input.now, percent) };
    })
    .filter((r) => filter.belowPercent === undefined || (r.percent !== null && r.percent < filter.belowPercent));
  return sortRows(rows, filter);
}

function sortRows(rows: ReportRow[], filter: ReportFilter): ReportRow[] {
  const dir = filter.descending ? -1 : 1;
  const byName = (a: ReportRow, b: ReportRow) => comparePeople(a.student, b.student);
  if (filter.sort !== "percent") return [...rows].sort((a, b) => dir * byName(a, b));
  return [...rows].sort((a, b) => dir * ((a.percent ?? -1) - (b.percent ?? -1)) || byName(a, b));
}
