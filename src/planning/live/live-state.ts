/** How a class stands on the day, as the coordinators on duty see it. */
export type LiveState = "cancelled" | "not_due" | "waiting" | "late" | "started" | "ended" | "confirmed";

/** A class not started by its start + 10 minutes is late. */
export const LATE_AFTER_MS = 10 * 60_000;

export interface LiveClass {
  state: string;
  startsAt: Date;
  endsAt: Date;
  hasZoomMeeting: boolean;
}

/** What Rollbook heard about a class's meeting: Zoom's started / ended instants (webhooks). */
export interface MeetingHeard {
  startedAt?: Date | null;
  endedAt?: Date | null;
}

/**
 * A class's live state at `now`: Zoom's meeting.started / meeting.ended when its meeting has them; a class with a
 * manual link (no Zoom) counts as on its way once its lecturer confirmed. A class neither started nor confirmed by
 * start + 10 min is late. Pure: no clock, no database.
 */
export function liveClassState(c: LiveClass, heard: MeetingHeard, isConfirmed: boolean, now: Date): LiveState {
  if (c.state === "cancelled") return "cancelled";
  if (heard.endedAt) return "ended";
  if (heard.startedAt) return "started";
  if (now < c.startsAt) return "not_due";
  if (!c.hasZoomMeeting && isConfirmed) return "confirmed";
  if (now.getTime() >= c.startsAt.getTime() + LATE_AFTER_MS)
    return now >= c.endsAt && !c.hasZoomMeeting ? "ended" : "late";
  return "waiting";
}

const ORDER: Record<LiveState, number> = {
  late: 0,
  waiting: 1,
  not_due: 2,
  started: 3,
  confirmed: 4,
  ended: 5,
  cancelled: 6,
};

/** The live page's order: late classes first, then waiting, then the rest; by start time within each. */
export function byUrgency<T extends { liveState: LiveState; startsAt: Date }>(rows: T[]): T[] {
  return [...rows].sort(
    (a, b) => ORDER[a.liveState] - ORDER[b.liveState] || a.startsAt.getTime() - b.startsAt.getTime(),
  );
}
