/**
 * Which absence warnings are due (pure: marks, rules, roster and `now`, no database, no clock).
 *
 * A warning is a *fact* ("Anna missed 3 sessions in a row: 1, 8 and 15 October") named by a key built from the
 * marks that made it true (their ids and statuses). The same marks give the same key on every evaluation, so a
 * fact is warned about once (the warnings table holds the key as unique); a new fact (another absence that
 * starts a new run, a status changed to another absence) gets a new key.
 *
 * Only sessions that are closed by `now`, that the student was expected at (their groups, enrolled when it
 * started) and that have started count; students no longer enrolled get nothing. A fact is due only when it is
 * true now and every mark it rests on has been as it is for the delay (and its session closed that long ago),
 * so a lecturer correcting A to P within the delay means the fact is simply not there when the delay ends.
 */
export type FollowupRule = "below" | "consecutive" | "unexcused";

export interface FollowupRules {
  below: { isOn: boolean; percent: number; minSessions: number };
  consecutive: { isOn: boolean; count: number };
  unexcused: { isOn: boolean };
  /** Statuses counted as an absence (chosen per set; by default each set's A, never E). */
  absenceStatusIds: readonly number[];
  delayMinutes: number;
  basis: "taken" | "all";
  /** When the rules were turned on: an unexcused absence due before then is old news, never reminded of. */
  since?: Date;
}

export interface DecisionSession {
  id: number;
  startsAt: Date;
  closedAt: Date | null;
  setId: number;
  groupIds: readonly number[];
}
export interface DecisionStatus {
  id: number;
  setId: number;
  points: number;
}
export interface DecisionStudent {
  userId: string;
  isEnrolled: boolean;
  leftAt: Date | null;
  groupIds: readonly number[];
}
/** A mark as it is now, with when its status last changed (from the mark's history). */
export interface DecisionMark {
  id: number;
  sessionId: number;
  userId: string;
  statusId: number;
  statusChangedAt: Date;
}

export interface DecisionInput {
  now: Date;
  rules: FollowupRules;
  sessions: readonly DecisionSession[];
  statuses: readonly DecisionStatus[];
  students: readonly DecisionStudent[];
  marks: readonly DecisionMark[];
}

/** One fact to warn about: who, which rule, the sessions it names and the student's figures now. */
export interface WarningFact {
  rule: FollowupRule;
  userId: string;
  factKey: string;
  /** The sessions the message names (the absences of the run, the absent session, the trigger). */
  sessionIds: number[];
  /** The chosen percentage now (null: nothing counted yet). */
  percent: number | null;
  /** Absences in a row at the end, now. */
  inARow: number;
  /** Sessions counted. */
  counted: number;
  /** When the delay for this fact ended (it is due from then). */
  dueAt: Date;
}

/** One counted session of one student, oldest first. */
export interface Slot {
  session: DecisionSession;
  mark: DecisionMark | null;
  points: number;
  max: number;
  isAbsence: boolean;
  /** When this slot was last as it is: the session's close, or a later change of the mark. */
  settledAt: number;
}

export const percentOf = (points: number, max: number) => (max > 0 ? Math.round((points / max) * 1000) / 10 : null);
const markTag = (m: DecisionMark | null) => (m ? `m${m.id}.${m.statusId}` : "m-");

/** Whether the student belongs at the session: its groups (none: everyone) and enrolled when it started. */
export function isExpectedAt(student: DecisionStudent, session: DecisionSession): boolean {
  const inGroup = session.groupIds.length === 0 || session.groupIds.some((g) => student.groupIds.includes(g));
  const enrolled = student.isEnrolled || (student.leftAt !== null && student.leftAt > session.startsAt);
  return inGroup && enrolled;
}

/** The sessions that count for a student at `now` (closed, started, expected at; marked, or any by "all"), oldest first. */
export function slotsOf(input: DecisionInput, student: DecisionStudent, marks: Map<number, DecisionMark>): Slot[] {
  const now = input.now.getTime();
  const status = new Map(input.statuses.map((s) => [s.id, s]));
  const maxBySet = new Map<number, number>();
  for (const s of input.statuses) maxBySet.set(s.setId, Math.max(maxBySet.get(s.setId) ?? 0, s.points));
  const absence = new Set(input.rules.absenceStatusIds);
  const slots: Slot[] = [];
  for (const session of input.sessions) {
    if (session.closedAt === null || session.closedAt.getTime() > now || session.startsAt.getTime() > now) continue;
    if (!isExpectedAt(student, session)) continue;
    const mark = marks.get(session.id) ?? null;
    if (mark && mark.statusChangedAt.getTime() > now) continue; // not yet made, as of `now`
    if (!mark && input.rules.basis === "taken") continue;
    const changed = mark ? mark.statusChangedAt.getTime() : 0;
    slots.push({
      session,
      mark,
      points: mark ? (status.get(mark.statusId)?.points ?? 0) : 0,
      max: maxBySet.get(session.setId) ?? 0,
      isAbsence: mark !== null && absence.has(mark.statusId),
      settledAt: Math.max(session.closedAt.getTime(), changed),
    });
  }
  return slots.sort(
    (a, b) => a.session.startsAt.getTime() - b.session.startsAt.getTime() || a.session.id - b.session.id,
  );
}

/** The absences in a row at the end (unmarked sessions neither break nor extend a run). */
export function trailingRun(slots: Slot[]): Slot[] {
  const run: Slot[] = [];
  for (let i = slots.length - 1; i >= 0; i--) {
    const s = slots[i]!;
    if (!s.mark) continue;
    if (!s.isAbsence) break;
    run.unshift(s);
  }
  return run;
}

/**
 * Below X %: the fact is the last absence (else the last mark short of full points) up to where the current
 * spell below X began (the spell: the longest run of prefixes, ending now, each with at least N sessions and a
 * figure below X). A spell that goes on keeps its fact; one that ends and begins again is a new fact.
 */
function belowFact(slots: Slot[], rules: FollowupRules): { trigger: Slot; percent: number } | null {
  const { percent: limit, minSessions } = rules.below;
  const figures: (number | null)[] = [];
  let points = 0;
  let max = 0;
  for (const s of slots) {
    points += s.points;
    max += s.max;
    figures.push(percentOf(points, max));
  }
  const isBelow = (i: number) => i + 1 >= minSessions && figures[i] !== null && figures[i]! < limit;
  const last = slots.length - 1;
  if (last < 0 || !isBelow(last)) return null;
  let start = last;
  while (start > 0 && isBelow(start - 1)) start--;
  const before = slots.slice(0, start + 1).reverse();
  const trigger = before.find((s) => s.isAbsence) ?? before.find((s) => s.points < s.max);
  // none: cannot be below with every session at full points, but a set whose statuses all have 0 points could be
  return trigger ? { trigger, percent: figures[last]! } : null;
}

/** A fact before its delay is applied: when its last mark settled. */
type SettledFact = Omit<WarningFact, "dueAt"> & { settledAt: number };

function factsOf(input: DecisionInput, student: DecisionStudent, slots: Slot[]): SettledFact[] {
  const { rules } = input;
  const percent = percentOf(
    slots.reduce((a, s) => a + s.points, 0),
    slots.reduce((a, s) => a + s.max, 0),
  );
  const run = trailingRun(slots);
  const common = { userId: student.userId, percent, inARow: run.length, counted: slots.length };
  const facts: SettledFact[] = [];
  const settled = (xs: Slot[]) => Math.max(...xs.map((s) => s.settledAt));
  if (rules.unexcused.isOn) {
    for (const s of slots.filter((x) => x.isAbsence))
      facts.push({
        ...common,
        rule: "unexcused",
        factKey: `unexcused:${student.userId}:s${s.session.id}:${markTag(s.mark)}`,
        sessionIds: [s.session.id],
        settledAt: s.settledAt,
      });
  }
  const n = rules.consecutive.count;
  if (rules.consecutive.isOn && n > 0 && run.length >= n) {
    const first = run.slice(0, n);
    facts.push({
      ...common,
      rule: "consecutive",
      factKey: `consecutive:${n}:${student.userId}:${first.map((s) => `s${s.session.id}${markTag(s.mark)}`).join(",")}`,
      sessionIds: run.map((s) => s.session.id),
      settledAt: settled(run),
    });
  }
  const below = rules.below.isOn ? belowFact(slots, rules) : null;
  if (below)
    facts.push({
      ...common,
      rule: "below",
      factKey: `below:${rules.below.percent}:${rules.below.minSessions}:${student.userId}:s${below.trigger.session.id}${markTag(below.trigger.mark)}`,
      sessionIds: slots.some((s) => s.isAbsence)
        ? slots.filter((s) => s.isAbsence).map((s) => s.session.id)
        : [below.trigger.session.id],
      settledAt: settled(slots),
    });
  return facts;
}

/**
 * Every warning fact true now whose delay has passed, for every enrolled student; the caller drops the keys it
 * has already recorded. Pure: the same input gives the same facts, in the same order.
 */
export function decideWarnings(input: DecisionInput): WarningFact[] {
  const now = input.now.getTime();
  return decideFacts(input).filter((f) => f.dueAt.getTime() <= now);
}

/** Every fact true now, due or still in its delay (`dueAt` after `now`): the job looks again at the earliest. */
export function decideFacts(input: DecisionInput): WarningFact[] {
  const delayMs = input.rules.delayMinutes * 60_000;
  const since = input.rules.since?.getTime() ?? -Infinity;
  const marksByUser = new Map<string, Map<number, DecisionMark>>();
  for (const m of input.marks) {
    let mine = marksByUser.get(m.userId);
    if (!mine) marksByUser.set(m.userId, (mine = new Map()));
    mine.set(m.sessionId, m);
  }
  const out: WarningFact[] = [];
  for (const student of input.students) {
    if (!student.isEnrolled) continue;
    const slots = slotsOf(input, student, marksByUser.get(student.userId) ?? new Map());
    for (const { settledAt, ...fact } of factsOf(input, student, slots)) {
      const dueAt = settledAt + delayMs;
      if (fact.rule === "unexcused" && dueAt < since) continue;
      out.push({ ...fact, dueAt: new Date(dueAt) });
    }
  }
  return out;
}
