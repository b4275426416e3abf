import { expect } from "chai";
import { eq } from "drizzle-orm";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { importMoodleAttendance, previewAttendanceImport } from "../../src/bridge/import-moodle-attendance.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import {
  activities,
  attendanceMarks,
  attendanceSessionGroups,
  attendanceSessions,
  attendanceStatuses,
  courseGroups,
  courseMembers,
  courses,
} from "../../src/db/schema.js";
import { AppError } from "../../src/errors.js";
import type { Actor } from "../../src/lti/actor.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { callsOf, removeFromService, takenAttendance, moodleLecturer } from "./fake-moodle-helpers.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";
const NOW = new Date("2026-11-23T10:00:00Z");

describe(`importing Moodle's Attendance plugin (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let fake: FakeMoodle;
  let actor: Actor;
  let activityId: number;
  const db = () => database.db;
  const run = () => importMoodleAttendance(db(), KEY, actor, activityId, 1, NOW, { retries: 0 });

  beforeEach(async () => {
    database = await createTestDatabase();
    fake = await startFakeMoodle();
    const [c] = await db().insert(courses).values({ platformId: "p1", contextId: "2", title: "BK101" }).returning();
    await db()
      .insert(courseMembers)
      .values(["4", "5", "7", "8", "9"].map((userId) => ({ courseId: c!.id, userId, isLearner: true }))); // 6 is not on the roster
    await db().insert(courseGroups).values({ courseId: c!.id, name: "BVK-21", source: "moodle", moodleGroupId: "1" }); // BVK-22 not synced
    const [a] = await db()
      .insert(activities)
      .values({ courseId: c!.id, linkKey: "k1", title: "Apmeklējums" })
      .returning();
    activityId = a!.id;
    actor = moodleLecturer(c!.id, activityId);
    await saveConnection(db(), KEY, "p1", { baseUrl: fake.baseUrl, token: fake.token }, "2", NOW);
    takenAttendance(fake);
  });
  afterEach(async () => {
    await fake.close();
    await database.destroy();
  });

  it("previews sessions, statuses by acronym and marks, and reports what cannot be mapped", async () => {
    const { attendance, plan } = await previewAttendanceImport(db(), KEY, actor, activityId, 1, { retries: 0 });
    expect(attendance.name).to.equal("Apmeklējums");
    expect(plan.sessions.map((s) => s.moodleSessionId)).to.deep.equal(["3", "1", "2", "4"]); // by date
    expect(plan.statuses.map((s) => [s.acronym, s.statusId !== null])).to.deep.equal([
      ["P", true],
      ["L", true],
      ["E", true],
      ["A", true],
    ]);
    const s1 = plan.sessions.find((s) => s.moodleSessionId === "1")!;
    expect(s1.marks.map((m) => m.userId)).to.deep.equal(["4", "5"]);
    expect(s1.takenAt?.getTime()).to.equal(1795461190_000);
    expect(plan.problems).to.deep.include({ key: "student", params: { id: "6" }, marks: 1 });
    expect(plan.problems).to.deep.include({ key: "group", params: { id: 2 }, marks: 0 });
    expect(callsOf(fake, "core_course_get_contents")[0]?.form.courseid).to.equal("2");
  });

  it("imports sessions, groups, marks and remarks, and importing again duplicates nothing but follows changes", async () => {
    const first = await run();
    expect(first).to.include({ created: 4, updated: 0, marks: 2 });
    const sessions = await db().select().from(attendanceSessions).where(eq(attendanceSessions.activityId, activityId));
    expect(sessions).to.have.length(4);
    const s1 = sessions.find((s) => s.description === "1. nodarbība: Lietišķā sarakste (BVK-21)")!;
    expect(s1.startsAt.getTime()).to.equal(1795508100_000);
    expect(s1.endsAt.getTime() - s1.startsAt.getTime()).to.equal(5400_000);
    expect(
      await db().select().from(attendanceSessionGroups).where(eq(attendanceSessionGroups.sessionId, s1.id)),
    ).to.have.length(1);
    const statuses = new Map((await db().select().from(attendanceStatuses)).map((s) => [s.id, s.acronym]));
    const marks = await db().select().from(attendanceMarks).where(eq(attendanceMarks.sessionId, s1.id));
    expect(marks.map((m) => [m.userId, statuses.get(m.statusId)]).sort()).to.deep.equal([
      ["4", "P"],
      ["5", "L"],
    ]);

    takenAttendance(fake, (list) =>
      list.map((s) =>
        s.id === 1 ? { ...s, attendance_log: [{ studentid: 4, statusid: "8", remarks: "slimības lapa", id: "1" }] } : s,
      ),
    );
    const again = await run();
    expect(again).to.include({ created: 0, updated: 4, marks: 1 });
    expect(
      await db().select().from(attendanceSessions).where(eq(attendanceSessions.activityId, activityId)),
    ).to.have.length(4);
    const [m4] = await db().select().from(attendanceMarks).where(eq(attendanceMarks.userId, "4"));
    expect(statuses.get(m4!.statusId)).to.equal("E");
    expect(m4!.remark).to.equal("slimības lapa");
  });

  it("refuses an attendance id that is not in the course, and names a function missing from the service", async () => {
    const err = await importMoodleAttendance(db(), KEY, actor, activityId, 2, NOW, { retries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(AppError);
    expect((err as AppError).code).to.equal("not_found");
    fake.setResponse("mod_attendance_get_sessions", () => undefined);
    removeFromService(fake, "mod_attendance_get_sessions");
    const missing = await run().catch((e: unknown) => e);
    expect(String((missing as Error).message)).to.include("mod_attendance_get_sessions");
    expect(await db().select().from(attendanceSessions)).to.have.length(0);
  });
});
