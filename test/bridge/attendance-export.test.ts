import { expect } from "chai";
import { eq } from "drizzle-orm";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { exportToMoodleAttendance } from "../../src/bridge/export-to-moodle-attendance.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import { defaultSetId } from "../../src/attendance/statuses/ensure-status-sets.js";
import {
  activities,
  attendanceMarks,
  attendanceSessionGroups,
  attendanceSessions,
  attendanceStatuses,
  courseGroups,
  courseMembers,
  courses,
  moodleAttendanceLinks,
  moodleAttendanceSessionMap,
} from "../../src/db/schema.js";
import type { Actor } from "../../src/lti/actor.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { callsOf, removeFromService, statefulAttendance, moodleLecturer } from "./fake-moodle-helpers.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";
const NOW = new Date("2026-11-23T10:00:00Z");
const START = new Date("2026-12-02T07:00:00Z");

describe(`exporting to Moodle's Attendance plugin (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let fake: FakeMoodle;
  let moodleState: ReturnType<typeof statefulAttendance>;
  let actor: Actor;
  let activityId: number;
  let groupSession: number;
  let status: Map<string, number>;
  const db = () => database.db;
  const run = () => exportToMoodleAttendance(db(), KEY, actor, activityId, 1, NOW, { retries: 0 });
  const logOf = (id: number) =>
    (moodleState.sessions.get(id)?.attendance_log as { studentid: number; statusid: string }[])
      .map((l) => [l.studentid, l.statusid])
      .sort();

  beforeEach(async () => {
    database = await createTestDatabase();
    fake = await startFakeMoodle();
    moodleState = statefulAttendance(fake);
    const [c] = await db().insert(courses).values({ platformId: "p1", contextId: "2", title: "BK101" }).returning();
    await db()
      .insert(courseMembers)
      .values(["4", "5", "6"].map((userId) => ({ courseId: c!.id, userId, isLearner: true })));
    const [g] = await db()
      .insert(courseGroups)
      .values({ courseId: c!.id, name: "BVK-21", source: "moodle", moodleGroupId: "1" })
      .returning();
    const [a] = await db()
      .insert(activities)
      .values({ courseId: c!.id, linkKey: "k1", title: "Apmeklējums" })
      .returning();
    activityId = a!.id;
    const setId = await defaultSetId(db(), activityId);
    status = new Map(
      (await db().select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, setId))).map((s) => [
        s.acronym,
        s.id,
      ]),
    );
    const [s1] = await db()
      .insert(attendanceSessions)
      .values([
        {
          activityId,
          setId,
          startsAt: START,
          endsAt: new Date(START.getTime() + 5400_000),
          description: "Lekcija BVK-21",
        },
        {
          activityId,
          setId,
          startsAt: new Date(START.getTime() + 86400_000),
          endsAt: new Date(START.getTime() + 86400_000 + 3600_000),
          description: "Visiem",
        },
      ])
      .returning();
    groupSession = s1!.id;
    await db().insert(attendanceSessionGroups).values({ sessionId: s1!.id, groupId: g!.id });
    await db()
      .insert(attendanceMarks)
      .values([
        { sessionId: s1!.id, userId: "4", statusId: status.get("P")!, markedBy: "3", markedAt: NOW },
        { sessionId: s1!.id, userId: "5", statusId: status.get("L")!, markedBy: "3", markedAt: NOW },
      ]);
    actor = moodleLecturer(c!.id, activityId);
    await saveConnection(db(), KEY, "p1", { baseUrl: fake.baseUrl, token: fake.token }, "2", NOW);
  });
  afterEach(async () => {
    await fake.close();
    await database.destroy();
  });

  it("adds sessions and marks, reports a session Moodle refuses, and a second run writes nothing", async () => {
    const first = await run();
    expect(first).to.include({ added: 1, removed: 0, marks: 2, failure: null });
    expect(first.problems).to.deep.equal([
      { key: "session", params: { date: "2026-12-03 07:00", description: "Visiem" } },
    ]);
    const [mapped] = await db().select().from(moodleAttendanceSessionMap);
    const moodleId = Number(mapped!.moodleSessionId);
    expect(moodleState.sessions.get(moodleId)).to.include({
      groupid: 1,
      sessdate: START.getTime() / 1000,
      duration: 5400,
      description: "Lekcija BVK-21",
    });
    expect(logOf(moodleId)).to.deep.equal([
      [4, "5"],
      [5, "7"],
    ]); // P = 5, L = 7 in the recordings
    const [update] = callsOf(fake, "mod_attendance_update_user_status");
    expect(update?.form).to.include({ takenbyid: "3", statusset: "0" });

    const adds = callsOf(fake, "mod_attendance_add_session").length;
    const second = await run();
    expect(second).to.include({ added: 0, removed: 0, marks: 0, unchanged: 2 });
    expect(callsOf(fake, "mod_attendance_add_session")).to.have.length(adds + 1); // only the refused one is tried again
    expect(callsOf(fake, "mod_attendance_update_user_status")).to.have.length(2);
  });

  it("follows a changed session by remove and add, with its marks, and a changed mark", async () => {
    await run();
    const [before] = await db().select().from(moodleAttendanceSessionMap);
    await db()
      .update(attendanceSessions)
      .set({ startsAt: new Date(START.getTime() + 1800_000) })
      .where(eq(attendanceSessions.id, groupSession));
    await db()
      .update(attendanceMarks)
      .set({ statusId: status.get("A")! })
      .where(eq(attendanceMarks.userId, "5"));
    const r = await run();
    expect(r).to.include({ added: 1, removed: 1, marks: 2 });
    const [after] = await db().select().from(moodleAttendanceSessionMap);
    expect(moodleState.sessions.has(Number(before!.moodleSessionId))).to.equal(false);
    expect(logOf(Number(after!.moodleSessionId))).to.deep.equal([
      [4, "5"],
      [5, "6"],
    ]);
  });

  it("adopts a session Moodle already made when the answer was lost, instead of adding it twice", async () => {
    await run();
    await db().delete(moodleAttendanceSessionMap);
    const adds = callsOf(fake, "mod_attendance_add_session").length;
    const r = await run();
    expect(r).to.include({ added: 0, adopted: 1, marks: 0, unchanged: 2 });
    expect(callsOf(fake, "mod_attendance_add_session")).to.have.length(adds + 1); // only the refused "Visiem"
    expect([...moodleState.sessions.values()].filter((s) => s.description === "Lekcija BVK-21")).to.have.length(1);
  });

  it("keeps what was done and says why when Moodle is down or a function is missing", async () => {
    await fake.setPortClosed(true);
    const down = await exportToMoodleAttendance(db(), KEY, actor, activityId, 1, NOW, { retries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(String((down as Error).message)).to.match(/ECONNREFUSED|reach|connect/i);
    await fake.setPortClosed(false);
    fake.setResponse("mod_attendance_update_user_status", () => undefined);
    removeFromService(fake, "mod_attendance_update_user_status");
    const r = await run();
    expect(r.added).to.equal(1);
    expect(r.failure).to.deep.include({
      key: "function_missing",
      params: { function: "mod_attendance_update_user_status" },
    });
    const [link] = await db().select().from(moodleAttendanceLinks);
    expect((link?.lastResult as { failure: { key: string } }).failure.key).to.equal("function_missing");
    expect(await db().select().from(moodleAttendanceSessionMap)).to.have.length(1);
  });
});
