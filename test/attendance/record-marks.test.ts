import { expect } from "chai";
import { and, asc, eq } from "drizzle-orm";
import { changeStatus } from "../../src/attendance/statuses/change-status.js";
import { createSessions } from "../../src/attendance/sessions/create-sessions.js";
import { markAllUnmarked } from "../../src/attendance/register/mark-all-unmarked.js";
import { listExpectedStudents } from "../../src/attendance/register/queries.js";
import { recordMarks } from "../../src/attendance/register/record-marks.js";
import { getSession } from "../../src/attendance/sessions/queries.js";
import { listStatusSets } from "../../src/attendance/statuses/queries.js";
import { attendanceGradeQueue, attendanceMarkHistory, attendanceMarks, courseMembers } from "../../src/db/schema.js";
import { createGroup } from "../../src/groups/create-group.js";
import { setGroupMembers } from "../../src/groups/set-group-members.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { courseFixture, type CourseFixture } from "./fixtures.js";

const wish = (
  userId: string,
  statusId: number | null,
  shownStatusId: number | null = null,
  remark = "",
  shownRemark = "",
) => ({ userId, statusId, shownStatusId, remark, shownRemark });

describe(`recording marks (${TEST_DB_KIND})`, function () {
  let database: TestDatabase;
  let c: CourseFixture;
  let sessionId: number;
  let P: number, L: number, A: number;
  const now = new Date("2025-10-01T08:00:00Z");
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.destroy());
  beforeEach(async () => {
    c = await courseFixture(database.db, 6, {
      scoreMaximum: 10,
      lineItemUrl: "https://moodle.example.lv/mod/lti/services.php/2/lineitems/6/lineitem?type_id=1",
    });
    [sessionId] = (await createSessions(
      database.db,
      c.lecturer,
      c.activityId,
      {
        date: "2025-10-01",
        startTime: "09:00",
        endTime: "10:30",
        description: "",
        room: null,
        lecturerUserId: null,
        groupIds: [],
      },
      null,
    )) as [number];
    const [set] = await listStatusSets(database.db, c.activityId);
    [P, L, , A] = set!.statuses.map((s) => s.id) as [number, number, number, number];
  });
  const marks = () =>
    database.db
      .select()
      .from(attendanceMarks)
      .where(eq(attendanceMarks.sessionId, sessionId))
      .orderBy(asc(attendanceMarks.userId));

  it("keeps remarks exactly, whatever characters they hold, in the mark and its history", async () => {
    const tricky = ['Kavēja "vilciena" dēļ, {a,b} \\ NULL', "", "NULL", "  atstarpes  ", "ŗūķš\nrinda"];
    await recordMarks(
      database.db,
      c.lecturer,
      c.activityId,
      sessionId,
      tricky.map((r, i) => wish(String(4 + i), P, null, r)),
      now,
    );
    expect((await marks()).map((m) => m.remark)).to.deep.equal(tricky);
    await recordMarks(
      database.db,
      c.lecturer,
      c.activityId,
      sessionId,
      [wish("4", L, P, "", tricky[0])],
      new Date(now.getTime() + 60_000),
    );
    const [last] = await database.db
      .select()
      .from(attendanceMarkHistory)
      .where(
        and(
          eq(attendanceMarkHistory.sessionId, sessionId),
          eq(attendanceMarkHistory.userId, "4"),
          eq(attendanceMarkHistory.toStatusId, L),
        ),
      );
    expect(last).to.include({ fromStatusId: P, fromRemark: tricky[0], toRemark: "" });
  });

  it("saves per student, keeps history and is idempotent", async () => {
    expect(
      await recordMarks(
        database.db,
        c.lecturer,
        c.activityId,
        sessionId,
        [wish("4", P), wish("5", L, null, "vilciens")],
        now,
      ),
    ).to.deep.equal({ changed: 2 });
    expect(
      await recordMarks(
        database.db,
        c.lecturer,
        c.activityId,
        sessionId,
        [wish("4", P), wish("5", L, null, "vilciens")],
        now,
      ),
    ).to.deep.equal({ changed: 0 });
    await recordMarks(
      database.db,
      c.lecturer,
      c.activityId,
      sessionId,
      [wish("4", A, P)],
      new Date(now.getTime() + 60_000),
    );
    expect((await marks()).map((m) => [m.userId, m.statusId, m.remark, m.by, m.markedBy])).to.deep.equal([
      ["4", A, "", "lecturer", "3"],
      ["5", L, "vilciens", "lecturer", "3"],
    ]);
    const history = await database.db
      .select()
      .from(attendanceMarkHistory)
      .where(and(eq(attendanceMarkHistory.sessionId, sessionId), eq(attendanceMarkHistory.userId, "4")))
      .orderBy(asc(attendanceMarkHistory.id));
    expect(history.map((h) => [h.fromStatusId, h.toStatusId, h.changedBy])).to.deep.equal([
      [null, P, "3"],
      [P, A, "3"],
    ]);
    expect((await getSession(database.db, c.activityId, sessionId))?.takenAt?.toISOString()).to.equal(
      "2025-10-01T08:01:00.000Z",
    );
  });

  it("loses nothing when two lecturers save the same register at once", async () => {
    const other = { ...c.lecturer, userId: "10" };
    await Promise.all([
      recordMarks(
        database.db,
        c.lecturer,
        c.activityId,
        sessionId,
        [wish("4", P), wish("5", null), wish("6", null)],
        now,
      ),
      recordMarks(database.db, other, c.activityId, sessionId, [wish("4", null), wish("5", L), wish("6", A)], now),
    ]);
    expect((await marks()).map((m) => [m.userId, m.statusId, m.markedBy])).to.deep.equal([
      ["4", P, "3"],
      ["5", L, "10"],
      ["6", A, "10"],
    ]);
  });

  it("sets every unmarked student, leaving marked ones as they are", async () => {
    await recordMarks(database.db, c.lecturer, c.activityId, sessionId, [wish("4", L)], now);
    expect(await markAllUnmarked(database.db, c.lecturer, c.activityId, sessionId, P, now)).to.deep.equal({
      changed: 5,
    });
    const rows = await marks();
    expect(rows).to.have.length(6);
    expect(rows.find((m) => m.userId === "4")?.statusId).to.equal(L);
  });

  it("refuses a hidden status, a status of another activity, a student and another course", async () => {
    await changeStatus(database.db, c.lecturer, c.activityId, L, "hide");
    await expectError(recordMarks(database.db, c.lecturer, c.activityId, sessionId, [wish("4", L)], now), "invalid");
    const other = await courseFixture(database.db, 2);
    const [otherSet] = await listStatusSets(database.db, other.activityId);
    await expectError(
      recordMarks(database.db, c.lecturer, c.activityId, sessionId, [wish("4", otherSet!.statuses[0]!.id)], now),
      "invalid",
    );
    await expectError(
      recordMarks(database.db, c.student("4"), c.activityId, sessionId, [wish("4", P)], now),
      "forbidden",
    );
    await expectError(
      recordMarks(database.db, other.lecturer, c.activityId, sessionId, [wish("4", P)], now),
      "not_found",
    );
    expect(await marks()).to.have.length(0);
  });

  it("cannot delete a status that has marks", async () => {
    await recordMarks(database.db, c.lecturer, c.activityId, sessionId, [wish("4", P)], now);
    await expectError(changeStatus(database.db, c.lecturer, c.activityId, P, "delete"), "conflict");
  });

  it("lists a group session's members, and keeps a student who left after the session", async () => {
    const groupId = await createGroup(database.db, c.lecturer, { name: "A" });
    await setGroupMembers(database.db, c.lecturer, groupId, ["4", "5"]);
    const [gs] = (await createSessions(
      database.db,
      c.lecturer,
      c.activityId,
      {
        date: "2025-10-02",
        startTime: "09:00",
        endTime: "10:00",
        description: "",
        room: null,
        lecturerUserId: null,
        groupIds: [groupId],
      },
      null,
    )) as [number];
    const session = (await getSession(database.db, c.activityId, gs))!;
    expect((await listExpectedStudents(database.db, c.courseId, session)).map((m) => m.userId)).to.deep.equal([
      "4",
      "5",
    ]);
    await database.db
      .update(courseMembers)
      .set({ isEnrolled: false, leftAt: new Date("2025-10-05T00:00:00Z") })
      .where(eq(courseMembers.userId, "5"));
    await database.db
      .update(courseMembers)
      .set({ isEnrolled: false, leftAt: new Date("2025-09-01T00:00:00Z") })
      .where(eq(courseMembers.userId, "4"));
    expect((await listExpectedStudents(database.db, c.courseId, session)).map((m) => m.userId)).to.deep.equal(["5"]);
  });

  it("queues the changed students' grades once each", async () => {
    await recordMarks(database.db, c.lecturer, c.activityId, sessionId, [wish("4", P), wish("5", P)], now);
    await recordMarks(database.db, c.lecturer, c.activityId, sessionId, [wish("4", L, P)], now);
    const queued = await database.db
      .select()
      .from(attendanceGradeQueue)
      .where(eq(attendanceGradeQueue.activityId, c.activityId));
    expect(queued.map((q) => q.userId).sort()).to.deep.equal(["4", "5"]);
  });
});

async function expectError(p: Promise<unknown>, code: string): Promise<void> {
  try {
    await p;
  } catch (err) {
    expect((err as { code?: string }).code).to.equal(code);
    return;
  }
  expect.fail(`expected ${code}`);
}
