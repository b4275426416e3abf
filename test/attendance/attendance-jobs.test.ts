import { expect } from "chai";
import { and, eq } from "drizzle-orm";
import { pino } from "pino";
import { closeEndedSessions } from "../../src/attendance/sessions/close-ended-sessions.js";
import { createSessions } from "../../src/attendance/sessions/create-sessions.js";
import { drainGrades } from "../../src/attendance/grades/drain-grades.js";
import { recordMarks } from "../../src/attendance/register/record-marks.js";
import { listStatusSets } from "../../src/attendance/statuses/queries.js";
import {
  attendanceGradeQueue,
  attendanceMarkHistory,
  attendanceMarks,
  attendanceSessions,
} from "../../src/db/schema.js";
import { attendanceCloseSessionsJob } from "../../src/jobs/attendance-close-sessions.js";
import { createBoss } from "../../src/jobs/boss.js";
import { startJobs } from "../../src/jobs/registry.js";
import type { Lti, PlatformSummary, ScoreInput } from "../../src/lti/provider.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { courseFixture, type CourseFixture } from "./fixtures.js";

const LINE_ITEM = "https://moodle.example.lv/mod/lti/services.php/2/lineitems/6/lineitem?type_id=1";
const session = (date: string) => ({
  date,
  startTime: "09:00",
  endTime: "10:30",
  description: "",
  room: null,
  lecturerUserId: null,
  groupIds: [],
});
const wish = (userId: string, statusId: number) => ({
  userId,
  statusId,
  shownStatusId: null,
  remark: "",
  shownRemark: "",
});

describe(`attendance background jobs (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let c: CourseFixture;
  let ended: number, future: number;
  let P: number, A: number;
  const at = new Date("2025-10-01T08:00:00Z"); // 11:00 in Riga: the 9:00-10:30 class has ended
  const planned = new Date("2025-09-01T08:00:00Z"); // when the sessions above were entered
  beforeEach(async () => {
    database = await createTestDatabase();
    c = await courseFixture(database.db, 4, { scoreMaximum: 10, lineItemUrl: LINE_ITEM });
    const create = (date: string) =>
      createSessions(database.db, c.lecturer, c.activityId, session(date), null, planned);
    [ended] = (await create("2025-10-01")) as [number];
    [future] = (await create("2025-10-08")) as [number];
    const [set] = await listStatusSets(database.db, c.activityId);
    P = set!.statuses.find((s) => s.acronym === "P")!.id;
    A = set!.statuses.find((s) => s.acronym === "A")!.id;
  });
  afterEach(() => database.destroy());
  const marksOf = (sessionId: number) =>
    database.db.select().from(attendanceMarks).where(eq(attendanceMarks.sessionId, sessionId));

  it("closes an ended session: the unmarked become the set's status as automatic marks, once", async () => {
    await recordMarks(database.db, c.lecturer, c.activityId, ended, [wish("4", P)], new Date("2025-10-01T06:10:00Z"));
    expect(await closeEndedSessions(database.db, at)).to.deep.equal({ closed: 1, marked: 3, withoutDefault: 0 });
    const marks = await marksOf(ended);
    expect(
      marks.map((m) => [m.userId, m.statusId === P ? "P" : m.statusId === A ? "A" : "?", m.by]).sort(),
    ).to.deep.equal([
      ["4", "P", "lecturer"],
      ["5", "A", "auto"],
      ["6", "A", "auto"],
      ["7", "A", "auto"],
    ]);
    const history = await database.db
      .select()
      .from(attendanceMarkHistory)
      .where(and(eq(attendanceMarkHistory.sessionId, ended), eq(attendanceMarkHistory.by, "auto")));
    expect(history).to.have.length(3);
    const [row] = await database.db.select().from(attendanceSessions).where(eq(attendanceSessions.id, ended));
    expect(row!.closedAt?.toISOString()).to.equal(at.toISOString());
    expect(await marksOf(future)).to.have.length(0);
    expect((await database.db.select().from(attendanceGradeQueue)).map((q) => q.userId).sort()).to.deep.equal([
      "4",
      "5",
      "6",
      "7",
    ]);
    expect(await closeEndedSessions(database.db, new Date(at.getTime() + 60_000))).to.deep.equal({
      closed: 0,
      marked: 0,
      withoutDefault: 0,
    });
  });

  it("leaves a series entered after its dates for the lecturer: no marks, no grades, not closed", async () => {
    const past = await createSessions(
      database.db,
      c.lecturer,
      c.activityId,
      session("2025-07-23"),
      { until: "2025-09-30", weekdays: [3], everyWeeks: 1 },
      at,
    );
    expect(past).to.have.length(10);
    await attendanceCloseSessionsJob(database.db, () => new Date(at.getTime() + 60_000)).handle({} as never);
    for (const id of past) expect(await marksOf(id), `session ${id}`).to.have.length(0);
    const rows = await database.db.select().from(attendanceSessions);
    expect(rows.filter((r) => past.includes(r.id)).map((r) => r.closedAt)).to.deep.equal(past.map(() => null));
    // the session entered before its end still closes as it always did, and only its students' grades go out
    expect(await marksOf(ended)).to.have.length(4);
    expect(await database.db.select().from(attendanceGradeQueue)).to.have.length(4);
  });

  it("runs as a pg-boss job", async () => {
    const boss = createBoss(database);
    await boss.start();
    try {
      await startJobs(boss, [attendanceCloseSessionsJob(database.db, () => at)], pino({ level: "silent" }));
      await boss.send("attendance-close-sessions", {});
      for (let i = 0; i < 100 && (await marksOf(ended)).length === 0; i++) await new Promise((r) => setTimeout(r, 200));
      expect(await marksOf(ended)).to.have.length(4);
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  it("drains the grade queue through a run: waits for the batch, retries a 409 a moment later, never sleeps long", async () => {
    let clock = at.getTime();
    const sleeps: number[] = [];
    const sent: ScoreInput[] = [];
    const answers = ["conflict"];
    const lti: Pick<Lti, "submitScore" | "getPlatform"> = {
      getPlatform: async () => ({ issuer: "https://moodle.example.lv", clientId: "c" }) as PlatformSummary,
      submitScore: async (_ref, _url, score) => {
        sent.push(score);
        return (answers.shift() as "conflict" | undefined) ?? "ok";
      },
    };
    await recordMarks(database.db, c.lecturer, c.activityId, ended, [wish("4", P), wish("5", A)], at);
    const result = await drainGrades(database.db, lti, () => new Date(clock), {
      windowMs: 20_000,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    expect(result).to.include({ sent: 2, conflicts: 1, failed: 0 });
    expect(sent.map((s) => s.userId).sort()).to.deep.equal(["4", "4", "5"]);
    expect(sleeps[0]).to.equal(5_000);
    expect(Math.max(...sleeps)).to.be.at.most(5_000);
    expect(clock - at.getTime()).to.be.at.least(20_000);
    expect(await database.db.select().from(attendanceGradeQueue)).to.have.length(0);
  });
});
