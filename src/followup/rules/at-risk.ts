import { percentOf, slotsOf, trailingRun, type DecisionInput, type DecisionMark } from "./decide-warnings.js";

/** How many of the latest counted sessions the trend compares with the whole, and the margin (points of percent). */
export const TREND_WINDOW = 4;
const TREND_MARGIN = 10;

/** One student of one activity on the at-risk list. */
export interface AtRiskStudent {
  userId: string;
  percent: number | null;
  trend: "up" | "down" | "steady" | null;
  inARow: number;
  counted: number;
  /** The start of the last session they attended (a mark that is not an absence), or null. */
  lastAttendedAt: Date | null;
  isBelow: boolean;
  isInARow: boolean;
}

/**
 * Per enrolled student of an activity (pure): the chosen percentage over the counted sessions, its trend (the
 * last TREND_WINDOW sessions against the whole), the absences in a row now, the last session attended, and
 * whether the rules' thresholds put them at risk. The same counting as the warnings, so the list and the
 * messages never disagree.
 */
export function atRiskStudents(input: DecisionInput): AtRiskStudent[] {
  const byUser = new Map<string, Map<number, DecisionMark>>();
  for (const m of input.marks) {
    let mine = byUser.get(m.userId);
    if (!mine) byUser.set(m.userId, (mine = new Map()));
    mine.set(m.sessionId, m);
  }
  const { below, consecutive } = input.rules;
  return input.students
    .filter((s) => s.isEnrolled)
    .map((student) => {
      const slots = slotsOf(input, student, byUser.get(student.userId) ?? new Map());
      const sum = (xs: typeof slots) =>
        percentOf(
          xs.reduce((a, s) => a + s.points, 0),
          xs.reduce((a, s) => a + s.max, 0),
        );
      const percent = sum(slots);
      const recent = slots.length > TREND_WINDOW ? sum(slots.slice(-TREND_WINDOW)) : null;
      const trend =
        recent === null || percent === null
          ? null
          : recent >= percent + TREND_MARGIN
            ? "up"
            : recent <= percent - TREND_MARGIN
              ? "down"
              : "steady";
      const attended = [...slots].reverse().find((s) => s.mark && !s.isAbsence);
      const inARow = trailingRun(slots).length;
      return {
        userId: student.userId,
        percent,
        trend,
        inARow,
        counted: slots.length,
        lastAttendedAt: attended?.session.startsAt ?? null,
        isBelow: slots.length >= below.minSessions && percent !== null && percent < below.percent,
        isInARow: consecutive.count > 0 && inARow >= consecutive.count,
      } satisfies AtRiskStudent;
    });
}
