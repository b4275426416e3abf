import { expect } from "chai";
import {
  decideWarnings,
  isExpectedAt,
  type DecisionInput,
  type FollowupRules,
  type WarningFact,
} from "../../src/followup/rules/decide-warnings.js";
import { randomHistory, rng, stateAt, T0, type History } from "./random-history.js";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const SEEDS = 150;

/** An oracle written apart from the decision: the student's counted sessions as of the input's `now`. */
function counted(input: DecisionInput, userId: string) {
  const now = input.now.getTime();
  const student = input.students.find((s) => s.userId === userId)!;
  const max = (setId: number) => Math.max(...input.statuses.filter((s) => s.setId === setId).map((s) => s.points));
  return input.sessions
    .filter((s) => s.closedAt !== null && s.closedAt.getTime() <= now && s.startsAt.getTime() <= now)
    .filter((s) => isExpectedAt(student, s))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id)
    .map((s) => {
      const mark = input.marks.find((m) => m.sessionId === s.id && m.userId === userId) ?? null;
      const points = mark ? input.statuses.find((x) => x.id === mark.statusId)!.points : 0;
      const settled = Math.max(s.closedAt!.getTime(), mark?.statusChangedAt.getTime() ?? 0);
      return {
        s,
        mark,
        points,
        max: max(s.setId),
        settled,
        absent: !!mark && input.rules.absenceStatusIds.includes(mark.statusId),
      };
    })
    .filter((x) => x.mark !== null || input.rules.basis === "all");
}

/** What must be warned about at `now` (rule and sessions), by the oracle. */
function mustWarn(input: DecisionInput): { userId: string; rule: string; sessionId?: number }[] {
  const { rules } = input;
  const delay = rules.delayMinutes * MIN;
  const now = input.now.getTime();
  const out: { userId: string; rule: string; sessionId?: number }[] = [];
  for (const st of input.students.filter((s) => s.isEnrolled)) {
    const xs = counted(input, st.userId);
    if (rules.unexcused.isOn)
      for (const x of xs)
        if (x.absent && x.settled + delay <= now) out.push({ userId: st.userId, rule: "unexcused", sessionId: x.s.id });
    const marked = xs.filter((x) => x.mark);
    let run = 0;
    while (run < marked.length && marked[marked.length - 1 - run]!.absent) run++;
    const runSettled = Math.max(0, ...marked.slice(marked.length - run).map((x) => x.settled));
    if (rules.consecutive.isOn && run >= rules.consecutive.count && runSettled + delay <= now)
      out.push({ userId: st.userId, rule: "consecutive" });
    const pts = xs.reduce((a, x) => a + x.points, 0);
    const max = xs.reduce((a, x) => a + x.max, 0);
    const pct = max > 0 ? Math.round((pts / max) * 1000) / 10 : null;
    const allSettled = Math.max(0, ...xs.map((x) => x.settled));
    const below = xs.length >= rules.below.minSessions && pct !== null && pct < rules.below.percent;
    if (rules.below.isOn && below && allSettled + delay <= now) out.push({ userId: st.userId, rule: "below" });
  }
  return out;
}

/** Evaluation times: every change and close, a moment later, and the delay later. */
function times(h: History): number[] {
  const ts = new Set<number>();
  const d = h.rules.delayMinutes * MIN;
  for (const e of h.events) [e.at, e.at + 1, e.at + d - 1, e.at + d].forEach((t) => ts.add(t));
  for (const s of h.sessions)
    if (s.closedAt) [s.closedAt.getTime(), s.closedAt.getTime() + d].forEach((t) => ts.add(t));
  ts.add(h.end);
  return [...ts].sort((a, b) => a - b);
}

describe("deciding absence warnings (pure, random mark histories)", () => {
  it("never warns a student about a session where they are not absent now, or one they were not expected at", () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const h = randomHistory(seed);
      for (const t of times(h)) {
        const input = stateAt(h, t);
        for (const f of decideWarnings(input)) {
          const st = input.students.find((s) => s.userId === f.userId)!;
          expect(st.isEnrolled, `seed ${seed}: left student ${f.userId} warned`).to.equal(true);
          for (const id of f.sessionIds) {
            const s = input.sessions.find((x) => x.id === id)!;
            expect(isExpectedAt(st, s), `seed ${seed}: not expected at ${id}`).to.equal(true);
            expect(s.closedAt!.getTime() <= t && s.startsAt.getTime() <= t, `seed ${seed}: future session`).to.equal(
              true,
            );
            const mark = input.marks.find((m) => m.sessionId === id && m.userId === f.userId);
            if (f.rule === "below") {
              const points = mark ? input.statuses.find((x) => x.id === mark.statusId)!.points : 0;
              const max = Math.max(...input.statuses.filter((x) => x.setId === s.setId).map((x) => x.points));
              expect(points, `seed ${seed}: below warned on a full mark`).to.be.lessThan(max);
              expect(f.percent!).to.be.lessThan(h.rules.below.percent);
            } else {
              expect(h.rules.absenceStatusIds, `seed ${seed} t ${t}: ${f.factKey} cites a present mark`).to.include(
                mark?.statusId,
              );
            }
          }
        }
      }
    }
  });

  it("always warns once a rule is true and has stayed true past the delay", () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const h = randomHistory(seed);
      for (const t of times(h)) {
        const input = stateAt(h, t);
        const facts = decideWarnings(input);
        for (const want of mustWarn(input)) {
          const found = facts.some(
            (f) =>
              f.userId === want.userId &&
              f.rule === want.rule &&
              (want.sessionId === undefined || f.sessionIds.includes(want.sessionId)),
          );
          expect(found, `seed ${seed} t ${t}: missing ${JSON.stringify(want)}`).to.equal(true);
        }
        expect(facts.length, `seed ${seed}: more facts than the oracle`).to.equal(mustWarn(input).length);
      }
    }
  });

  it("never warns twice for one fact: the job (keys it recorded) sends each fact once, and a fact keeps its key", () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const h = randomHistory(seed);
      const sent = new Map<string, number>();
      let before: WarningFact[] = [];
      let last = -Infinity;
      for (const t of times(h)) {
        const facts = decideWarnings(stateAt(h, t));
        const newKeys = facts.filter((f) => !sent.has(f.factKey));
        for (const f of newKeys) sent.set(f.factKey, t);
        expect(new Set(facts.map((f) => f.factKey)).size, `seed ${seed}: one key twice at once`).to.equal(facts.length);
        // with no change of a mark between two looks, every fact seen before is still there, with the same key
        const within = (x: number | undefined) => x !== undefined && x > last && x <= t;
        const changed =
          h.events.some((e) => within(e.at)) ||
          h.sessions.some((s) => within(s.closedAt?.getTime())) ||
          h.students.some((s) => within(s.leftAt?.getTime()));
        if (!changed)
          for (const f of before)
            expect(
              facts.map((x) => x.factKey),
              `seed ${seed}`,
            ).to.include(f.factKey);
        before = facts;
        last = t;
      }
    }
  });

  it("the generator is seeded: the same seed gives the same history", () => {
    expect(JSON.stringify(randomHistory(7))).to.equal(JSON.stringify(randomHistory(7)));
    expect(rng(1).next()).to.equal(rng(1).next());
  });
});

describe("deciding absence warnings (cases)", () => {
  const rules: FollowupRules = {
    below: { isOn: true, percent: 80, minSessions: 3 },
    consecutive: { isOn: true, count: 2 },
    unexcused: { isOn: true },
    absenceStatusIds: [4],
    delayMinutes: 30,
    basis: "taken",
  };
  const statuses = [
    { id: 1, setId: 1, points: 2 },
    { id: 3, setId: 1, points: 1 },
    { id: 4, setId: 1, points: 0 },
  ];
  const session = (i: number, groupIds: number[] = []) => ({
    id: i,
    startsAt: new Date(T0 + i * 7 * DAY),
    closedAt: new Date(T0 + i * 7 * DAY + 90 * MIN),
    setId: 1,
    groupIds,
  });
  const mark = (i: number, statusId: number, userId = "anna", late = 0) => ({
    id: i,
    sessionId: i,
    userId,
    statusId,
    statusChangedAt: new Date(T0 + i * 7 * DAY + 90 * MIN + late),
  });
  const anna = { userId: "anna", isEnrolled: true, leftAt: null, groupIds: [1] };
  const input = (over: Partial<DecisionInput>): DecisionInput => ({
    now: new Date(T0 + 30 * DAY),
    rules,
    sessions: [session(1)],
    statuses,
    students: [anna],
    marks: [mark(1, 4)],
    ...over,
  });
  const closedAt1 = T0 + 7 * DAY + 90 * MIN;

  it("reminds of an unexcused absence 30 minutes after the close, not a minute before", () => {
    expect(decideWarnings(input({ now: new Date(closedAt1 + 29 * MIN) }))).to.deep.equal([]);
    const [f] = decideWarnings(input({ now: new Date(closedAt1 + 30 * MIN) }));
    expect(f).to.include({ rule: "unexcused", userId: "anna", factKey: "unexcused:anna:s1:m1.4" });
    expect(f!.dueAt.toISOString()).to.equal(new Date(closedAt1 + 30 * MIN).toISOString());
  });

  it("a correction A -> P within the delay leaves nothing to warn about; a change restarts the delay", () => {
    expect(decideWarnings(input({ marks: [mark(1, 1, "anna", 10 * MIN)] }))).to.deep.equal([]);
    const relabelled = input({ now: new Date(closedAt1 + 35 * MIN), marks: [mark(1, 4, "anna", 10 * MIN)] });
    expect(decideWarnings(relabelled)).to.deep.equal([]);
  });

  it("E is not an absence; a session for another group, a future or open session and a student who left count for nothing", () => {
    expect(decideWarnings(input({ marks: [mark(1, 3)] }))).to.deep.equal([]);
    expect(decideWarnings(input({ sessions: [session(1, [2])] }))).to.deep.equal([]);
    expect(decideWarnings(input({ sessions: [{ ...session(1), closedAt: null }] }))).to.deep.equal([]);
    expect(decideWarnings(input({ now: new Date(T0 + 7 * DAY + 60 * MIN) }))).to.deep.equal([]);
    const left = { ...anna, isEnrolled: false, leftAt: new Date(T0 + 20 * DAY) };
    expect(decideWarnings(input({ students: [left] }))).to.deep.equal([]);
  });

  it("two absences in a row and below 80 % after three sessions, each with the marks that made it true", () => {
    const facts = decideWarnings(
      input({ sessions: [session(1), session(2), session(3)], marks: [mark(1, 1), mark(2, 4), mark(3, 4)] }),
    );
    expect(facts.map((f) => f.factKey)).to.deep.equal([
      "unexcused:anna:s2:m2.4",
      "unexcused:anna:s3:m3.4",
      "consecutive:2:anna:s2m2.4,s3m3.4",
      "below:80:3:anna:s3m3.4",
    ]);
    expect(facts[3]).to.include({ percent: 33.3, inARow: 2, counted: 3 });
  });

  it("A -> P -> A is the same fact again (same key), a run that goes on keeps its key", () => {
    const two = input({ sessions: [session(1), session(2)], marks: [mark(1, 4), mark(2, 4)] });
    const three = input({
      sessions: [session(1), session(2), session(3)],
      marks: [mark(1, 4), mark(2, 4), mark(3, 4)],
    });
    const key = (i: DecisionInput) => decideWarnings(i).find((f) => f.rule === "consecutive")!.factKey;
    expect(key(three)).to.equal(key(two));
  });
});
