/** How a percentage is counted: over the sessions the student was marked in, or over every session held so far. */
export type PercentBasis = "taken" | "all";

/** One session as the rules see it: whether it has started by `now`, its most points, the student's points if marked. */
export interface SessionScore {
  startsAt: Date;
  maxPoints: number;
  /** The student's points, or null when the student has no mark. */
  points: number | null;
  statusId: number | null;
}

export interface AttendanceTotals {
  /** Sessions the student has a mark in. */
  taken: number;
  /** Sessions that have started by `now` (marked or not). */
  held: number;
  /** Every session the student is expected at, including future ones. */
  total: number;
  points: number;
  maxPointsTaken: number;
  maxPointsHeld: number;
  /** Marks per status id. */
  counts: Record<number, number>;
  /** 0..100, or null when there is nothing to count yet. */
  percentTaken: number | null;
  percentAll: number | null;
}

const percent = (points: number, max: number) => (max > 0 ? Math.round((points / max) * 1000) / 10 : null);

/**
 * A student's totals. "Over taken" divides the points by the most points of the marked sessions; "over all"
 * divides by the most points of every session held so far, so an unmarked past session counts as zero.
 * Future sessions never count.
 */
export function attendanceTotals(sessions: SessionScore[], now: Date): AttendanceTotals {
  const t: AttendanceTotals = {
    taken: 0,
    held: 0,
    total: sessions.length,
    points: 0,
    maxPointsTaken: 0,
    maxPointsHeld: 0,
    counts: {},
    percentTaken: null,
    percentAll: null,
  };
  for (const s of sessions) {
    const marked = s.points !== null && s.statusId !== null;
    if (s.startsAt <= now || marked) {
      t.held++;
      t.maxPointsHeld += s.maxPoints;
    }
    if (!marked) continue;
    t.taken++;
    t.points += s.points ?? 0;
    t.maxPointsTaken += s.maxPoints;
    t.counts[s.statusId ?? 0] = (t.counts[s.statusId ?? 0] ?? 0) + 1;
  }
  t.percentTaken = percent(t.points, t.maxPointsTaken);
  t.percentAll = percent(t.points, t.maxPointsHeld);
  return t;
}

/** The percentage the activity's setting chooses. */
export function chosenPercent(totals: AttendanceTotals, basis: PercentBasis): number | null {
  return basis === "all" ? totals.percentAll : totals.percentTaken;
}

/**
 * The grade for the gradebook: points / most points (by the chosen basis) x the column's maximum, rounded to
 * two decimals; null when there is nothing to grade yet.
 */
export function attendanceGrade(totals: AttendanceTotals, basis: PercentBasis, scoreMaximum: number): number | null {
  const max = basis === "all" ? totals.maxPointsHeld : totals.maxPointsTaken;
  if (max <= 0 || scoreMaximum <= 0) return null;
  return Math.round((totals.points / max) * scoreMaximum * 100) / 100;
}
