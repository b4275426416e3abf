/** The part of a status that decides self check-in. */
export interface CheckinWindow {
  id: number;
  isHidden: boolean;
  /** Minutes after the start until which a self check-in may give this status; null: never. */
  checkinUntilMinutes: number | null;
}

/**
 * The status a student's own check-in gets at `now` (pure): of the visible statuses whose window is still
 * open, the one that closes first (Present until +15 beats Late until +90). Before the start counts as
 * minute 0. Null when every window has closed.
 */
export function selfCheckinStatus(statuses: CheckinWindow[], startsAt: Date, now: Date): number | null {
  const minutes = Math.max(0, (now.getTime() - startsAt.getTime()) / 60_000);
  const open = statuses.filter(
    (s) => !s.isHidden && s.checkinUntilMinutes !== null && minutes <= s.checkinUntilMinutes,
  );
  open.sort((a, b) => (a.checkinUntilMinutes ?? 0) - (b.checkinUntilMinutes ?? 0));
  return open[0]?.id ?? null;
}
