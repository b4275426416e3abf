import { expect } from "chai";
import { eq } from "drizzle-orm";
import { createSessions } from "../../src/attendance/sessions/create-sessions.js";
import { enqueueGrades } from "../../src/attendance/grades/enqueue-grades.js";
import { recordMarks } from "../../src/attendance/register/record-marks.js";
import { MAX_GRADE_ATTEMPTS, sendGrades } from "../../src/attendance/grades/send-grades.js";
import { listStatusSets } from "../../src/attendance/statuses/queries.js";
import { attendanceGradeQueue } from "../../src/db/schema.js";
import type { Lti, PlatformSummary, ScoreInput } from "../../src/lti/provider.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { courseFixture, type CourseFixture } from "./fixtures.js";

type Answer = "ok" | "conflict" | "rejected" | Error;

/** An Lti with only what the sender uses; answers are scripted per call. */
function fakeLti(answers: Answer[]) {
  const sent: ScoreInput[] = [];
  const lti: Pick<Lti, "submitScore" | "getPlatform"> = {
    getPlatform: async () => ({ issuer: "https://moodle.example.lv", clientId: "c" }) as PlatformSummary,
    submitScore: async (_ref, _url, score) => {
      sent.push(score);
      const a = answers.shift() ?? "ok";
      if (a instanceof Error) throw a;
      return a;
    },
  };
  return { lti, sent };
}

describe(`sending grades to the gradebook (${TEST_DB_KIND})`, function () {
  let database: TestDatabase;
  let c: CourseFixture;
  let session: number;
  let P: number, L: number;
  const t0 = new Date("2025-10-01T08:00:00Z");
  const later = (ms: number) => new Date(t0.getTime() + ms);
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.destroy());
  beforeEach(async () => {
    c = await courseFixture(database.db, 3, {
      scoreMaximum: 10,
      lineItemUrl: "https://moodle.example.lv/mod/lti/services.php/2/lineitems/6/lineitem?type_id=1",
    });
    [session] = (await createSessions(
      database.db,
      c.lecturer,
      c.activityId,
      {
        date: "2025-10-01",
        startTime: "09:00",
        endTime: "10:00",
        description: "",
        room: null,
        lecturerUserId: null,
        groupIds: [],
      },
      null,
    )) as [number];
    const [set] = await listStatusSets(database.db, c.activityId);
    [P, L] = set!.statuses.map((s) => s.id) as [number, number];
    const wish = (userId: string, statusId: number) => ({
      userId,
      statusId,
      shownStatusId: null,
      remark: "",
      shownRemark: "",
    });
    await recordMarks(database.db, c.lecturer, c.activityId, session, [wish("4", P), wish("5", L)], t0);
  });
  const queue = () =>
    database.db.select().from(attendanceGradeQueue).where(eq(attendanceGradeQueue.activityId, c.activityId));

  it("waits for the batch delay, then sends points / max x the column maximum, once per student", async () => {
    const { lti, sent } = fakeLti([]);
    expect(await sendGrades(database.db, lti, later(1_000))).to.include({ sent: 0 });
    expect(await sendGrades(database.db, lti, later(6_000))).to.include({ sent: 2 });
    expect(sent.map((s) => [s.userId, s.scoreGiven, s.scoreMaximum]).sort()).to.deep.equal([
      ["4", 10, 10],
      ["5", 5, 10],
    ]);
    expect(await queue()).to.have.length(0);
  });

  it("retries Moodle's same-second 409 a moment later, and backs off after a failure", async () => {
    const { lti, sent } = fakeLti(["conflict", new Error("socket hang up")]);
    expect(await sendGrades(database.db, lti, later(6_000))).to.include({ sent: 0, conflicts: 1, failed: 1 });
    expect((await queue()).map((q) => q.attempts)).to.deep.equal([1, 1]);
    expect(await sendGrades(database.db, lti, later(8_000))).to.include({ sent: 1 });
    expect(await sendGrades(database.db, lti, later(40_000))).to.include({ sent: 1 });
    expect(sent).to.have.length(4);
    expect(await queue()).to.have.length(0);
  });

  it("keeps a grade Moodle refuses (400) with the reason, and stops trying it", async () => {
    const { lti } = fakeLti(["rejected", "ok"]);
    await sendGrades(database.db, lti, later(6_000));
    const [left] = await queue();
    expect(left).to.include({ attempts: MAX_GRADE_ATTEMPTS, lastError: "400 refused by the platform" });
    expect(await sendGrades(database.db, lti, later(600_000))).to.include({ sent: 0, rejected: 0 });
  });

  it("keeps a grade re-queued by a change made while it was being sent", async () => {
    const { lti, sent } = fakeLti([]);
    const inner = lti.submitScore;
    lti.submitScore = async (ref, url, score) => {
      if (sent.length === 0)
        await enqueueGrades(database.db, { id: c.activityId, lineItemUrl: url }, [score.userId], later(7_000));
      return inner(ref, url, score);
    };
    await sendGrades(database.db, lti, later(6_000));
    expect((await queue()).map((q) => q.userId)).to.deep.equal([sent[0]!.userId]);
  });

  it("never grades someone who is not a student", async () => {
    await database.db.insert(attendanceGradeQueue).values({ activityId: c.activityId, userId: "3", dueAt: t0 });
    const { lti, sent } = fakeLti([]);
    const result = await sendGrades(database.db, lti, later(6_000));
    expect(result).to.include({ sent: 2, skipped: 1 });
    expect(sent.map((s) => s.userId)).to.not.include("3");
  });
});
