/** How a session's self check-in window is set. */
export interface CheckinWindowSettings {
  startsAt: Date;
  endsAt: Date;
  /** Opens this many minutes before the start. */
  opensMinutesBefore: number;
  /** Closes at the end of the session, or this many minutes after the start when set. */
  closesMinutesAfterStart: number | null;
  /** A lecturer closed check-in early (instant), or null. */
  closedEarlyAt: Date | null;
}

export type WindowState = "not_yet_open" | "open" | "closed";

/** Where `now` falls in the check-in window. Pure. */
export function checkinWindowState(w: CheckinWindowSettings, now: Date): WindowState {
  const opens = w.startsAt.getTime() - w.opensMinutesBefore * 60_000;
  const closes =
    w.closesMinutesAfterStart === null ? w.endsAt.getTime() : w.startsAt.getTime() + w.closesMinutesAfterStart * 60_000;
  const t = now.getTime();
  if (w.closedEarlyAt && t >= w.closedEarlyAt.getTime()) return "closed";
  if (t < opens) return "not_yet_open";
  if (t >= closes) return "closed";
  return "open";
}
