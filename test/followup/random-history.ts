import type {
  DecisionInput,
  DecisionMark,
  DecisionSession,
  DecisionStatus,
  DecisionStudent,
  FollowupRules,
} from "../../src/followup/rules/decide-warnings.js";

/** A small seeded generator (mulberry32): the same seed gives the same history, so a failure can be replayed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
export const T0 = Date.UTC(2026, 8, 1, 7, 0);

/** One change of a mark: at `at`, the student's mark in the session became `statusId`. */
export interface MarkEvent {
  at: number;
  sessionId: number;
  userId: string;
  statusId: number;
}

export interface History {
  rules: FollowupRules;
  sessions: DecisionSession[];
  statuses: DecisionStatus[];
  /** Students with `leftAt` possibly in the future: enrolled until then. */
  students: DecisionStudent[];
  events: MarkEvent[];
  /** A time after every session and change. */
  end: number;
}

/**
 * A random activity: two status sets (P L E A, and P A U with U a second absence), up to 12 weekly sessions for
 * the course or one group (some never closed), up to 5 students (some leave), and a burst of mark changes
 * around each session's close (marks, corrections A -> P -> A, late imports).
 */
export function randomHistory(seed: number): History {
  const r = rng(seed);
  const statuses: DecisionStatus[] = [
    { id: 1, setId: 1, points: 2 },
    { id: 2, setId: 1, points: 1 },
    { id: 3, setId: 1, points: 1 }, // E: excused, never an absence
    { id: 4, setId: 1, points: 0 }, // A
    { id: 5, setId: 2, points: 1 },
    { id: 6, setId: 2, points: 0 }, // A
    { id: 7, setId: 2, points: 0 }, // U, also an absence when chosen
  ];
  const rules: FollowupRules = {
    below: { isOn: r.chance(0.8), percent: r.pick([50, 70, 80, 90]), minSessions: r.int(1, 4) },
    consecutive: { isOn: r.chance(0.8), count: r.int(1, 4) },
    unexcused: { isOn: r.chance(0.8) },
    absenceStatusIds: r.chance(0.5) ? [4, 6] : [4, 6, 7],
    delayMinutes: r.pick([0, 5, 30, 120]),
    basis: r.pick(["taken", "all"] as const),
  };
  const sessions: DecisionSession[] = [];
  const count = r.int(1, 12);
  for (let i = 0; i < count; i++) {
    const startsAt = T0 + i * 7 * DAY + r.int(0, 3) * 60 * MIN;
    const closes = r.chance(0.9);
    sessions.push({
      id: 100 + i,
      startsAt: new Date(startsAt),
      closedAt: closes ? new Date(startsAt + r.int(30, 200) * MIN) : null,
      setId: r.chance(0.7) ? 1 : 2,
      groupIds: r.chance(0.3) ? [r.int(1, 2)] : [],
    });
  }
  const students: DecisionStudent[] = [];
  const people = r.int(1, 5);
  for (let i = 0; i < people; i++) {
    const leaves = r.chance(0.2);
    students.push({
      userId: `u${i}`,
      isEnrolled: !leaves,
      leftAt: leaves ? new Date(T0 + r.int(0, count * 7) * DAY) : null,
      groupIds: r.chance(0.5) ? [r.int(1, 2)] : [],
    });
  }
  const events: MarkEvent[] = [];
  for (const s of sessions) {
    const setStatuses = statuses.filter((x) => x.setId === s.setId).map((x) => x.id);
    for (const st of students) {
      if (r.chance(0.1)) continue; // never marked
      const close = (s.closedAt ?? new Date(s.startsAt.getTime() + 90 * MIN)).getTime();
      let at = s.startsAt.getTime() + r.int(0, 120) * MIN;
      const changes = r.int(1, 3);
      for (let c = 0; c < changes; c++) {
        events.push({ at, sessionId: s.id, userId: st.userId, statusId: r.pick(setStatuses) });
        at = Math.max(at, close) + r.int(1, 90) * MIN; // a correction after the close, often within the delay
      }
    }
  }
  events.sort((a, b) => a.at - b.at);
  const end = T0 + (count + 1) * 7 * DAY;
  return { rules, sessions, statuses, students, events, end };
}

/** The decision's input as of `at`: each mark as its last event made it, enrolment as it was then. */
export function stateAt(h: History, at: number): DecisionInput {
  const marks = new Map<string, DecisionMark>();
  let nextId = 1;
  const ids = new Map<string, number>();
  for (const e of h.events) {
    const key = `${e.sessionId}/${e.userId}`;
    if (!ids.has(key)) ids.set(key, nextId++); // ids are given in event order, whatever `at` is
    if (e.at > at) continue;
    const before = marks.get(key);
    if (before && before.statusId === e.statusId) continue; // a remark-only change: the status did not change
    marks.set(key, {
      id: ids.get(key)!,
      sessionId: e.sessionId,
      userId: e.userId,
      statusId: e.statusId,
      statusChangedAt: new Date(e.at),
    });
  }
  return {
    now: new Date(at),
    rules: h.rules,
    sessions: h.sessions,
    statuses: h.statuses,
    students: h.students.map((s) => {
      const isEnrolled = s.leftAt === null || s.leftAt.getTime() > at;
      return { ...s, isEnrolled, leftAt: isEnrolled ? null : s.leftAt };
    }),
    marks: [...marks.values()],
  };
}
