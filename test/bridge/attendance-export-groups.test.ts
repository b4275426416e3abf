import { expect } from "chai";
import { and, eq } from "drizzle-orm";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { presentExportResult } from "../../src/bridge/attendance-export-routes.js";
import { exportToMoodleAttendance } from "../../src/bridge/export-to-moodle-attendance.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import { defaultSetId } from "../../src/attendance/statuses/ensure-status-sets.js";
import {
  activities,
  attendanceMarks,
  attendanceSessionGroups,
  attendanceSessions,
  attendanceStatuses,
  courseGroupMembers,
  courseGroups,
  courseMembers,
  courses,
  moodleAttendanceSessionMap,
} from "../../src/db/schema.js";
import { translator } from "../../src/i18n/i18n.js";
import type { Actor } from "../../src/lti/actor.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { callsOf, statefulAttendance, moodleLecturer } from "./fake-moodle-helpers.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";
const NOW = new Date("2026-11-23T10:00:00Z");
const START = new Date("2026-12-02T07:00:00Z");

describe(`exporting sessions of several groups to Moodle's Attendance plugin (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let fake: FakeMoodle;
  let moodleState: ReturnType<typeof statefulAttendance>;
  let actor: Actor;
  let activityId: number;
  let sessionId: number;
  let group: { g1: number; g2: number; tool: number };
  const db = () => database.db;
  const run = () => exportToMoodleAttendance(db(), KEY, actor, activityId, 1, NOW, { retries: 0 });
  const ours = () => [...moodleState.sessions.values()].filter((s) => s.description === "Seminārs");
  const logOf = (groupid: number) =>
    (ours().find((s) => s.groupid === groupid)?.attendance_log as { studentid: number; statusid: string }[])
      .map((l) => [l.studentid, l.statusid])
      .sort();
  const setGroups = async (...groupIds: number[]) => {
    await db().delete(attendanceSessionGroups).where(eq(attendanceSessionGroups.sessionId, sessionId));
    await db()
      .insert(attendanceSessionGroups)
      .values(groupIds.map((groupId) => ({ sessionId, groupId })));
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    fake = await startFakeMoodle();
    moodleState = statefulAttendance(fake);
    const [c] = await db().insert(courses).values({ platformId: "p1", contextId: "2", title: "BK101" }).returning();
    await db()
      .insert(courseMembers)
      .values(["4", "5", "6", "7"].map((userId) => ({ courseId: c!.id, userId, isLearner: true })));
    // Moodle group 2 is made first and sorts first by name, so neither Rollbook's order nor the name decides.
    const [g2] = await db()
      .insert(courseGroups)
      .values({ courseId: c!.id, name: "Agrā grupa", source: "moodle", moodleGroupId: "2" })
      .returning();
    const [g1] = await db()
      .insert(courseGroups)
      .values({ courseId: c!.id, name: "BVK-21", source: "moodle", moodleGroupId: "1" })
      .returning();
    const [tool] = await db()
      .insert(courseGroups)
      .values({ courseId: c!.id, name: "Papildgrupa", source: "tool" })
      .returning();
    group = { g1: g1!.id, g2: g2!.id, tool: tool!.id };
    await db()
      .insert(courseGroupMembers)
      .values([
        { groupId: g1!.id, courseId: c!.id, userId: "4" },
        { groupId: g1!.id, courseId: c!.id, userId: "5" },
        { groupId: g2!.id, courseId: c!.id, userId: "5" }, // in both: goes to the lowest Moodle group id (1)
        { groupId: g2!.id, courseId: c!.id, userId: "6" },
        { groupId: tool!.id, courseId: c!.id, userId: "7" },
      ]);
    const [a] = await db()
      .insert(activities)
      .values({ courseId: c!.id, linkKey: "k1", title: "Apmeklējums" })
      .returning();
    activityId = a!.id;
    const setId = await defaultSetId(db(), activityId);
    const status = new Map(
      (await db().select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, setId))).map((s) => [
        s.acronym,
        s.id,
      ]),
    );
    const [s] = await db()
      .insert(attendanceSessions)
      .values({
        activityId,
        setId,
        startsAt: START,
        endsAt: new Date(START.getTime() + 5400_000),
        description: "Seminārs",
      })
      .returning();
    sessionId = s!.id;
    await setGroups(group.g1, group.g2);
    await db()
      .insert(attendanceMarks)
      .values([
        { sessionId, userId: "4", statusId: status.get("P")!, markedBy: "3", markedAt: NOW },
        { sessionId, userId: "5", statusId: status.get("L")!, markedBy: "3", markedAt: NOW },
        { sessionId, userId: "6", statusId: status.get("A")!, markedBy: "3", markedAt: NOW },
      ]);
    actor = moodleLecturer(c!.id, activityId);
    await saveConnection(db(), KEY, "p1", { baseUrl: fake.baseUrl, token: fake.token }, "2", NOW);
  });
  afterEach(async () => {
    await fake.close();
    await database.destroy();
  });

  it("makes one Moodle session per Moodle group, puts each mark in its student's group, and a second run adds nothing", async () => {
    const first = await run();
    expect(first).to.include({ added: 2, marks: 3, failure: null });
    expect(first.problems).to.deep.equal([]);
    expect(
      ours()
        .map((s) => s.groupid)
        .sort(),
    ).to.deep.equal([1, 2]);
    const rows = await db()
      .select()
      .from(moodleAttendanceSessionMap)
      .where(eq(moodleAttendanceSessionMap.sessionId, sessionId));
    expect(rows.map((r) => r.moodleGroupId).sort()).to.deep.equal(["1", "2"]);
    expect(logOf(1)).to.deep.equal([
      [4, "5"],
      [5, "7"],
    ]); // P = 5, L = 7 in the recordings; 5 is in both groups
    expect(logOf(2)).to.deep.equal([[6, "6"]]); // A = 6

    const adds = callsOf(fake, "mod_attendance_add_session").length;
    const second = await run();
    expect(second).to.include({ added: 0, adopted: 0, removed: 0, marks: 0, unchanged: 3 });
    expect(callsOf(fake, "mod_attendance_add_session")).to.have.length(adds);
    expect(ours()).to.have.length(2);
  });

  it("reports a group that exists only in Rollbook, in Latvian and English, instead of dropping it silently", async () => {
    await setGroups(group.g1, group.tool);
    const r = await run();
    expect(r.problems).to.deep.equal([{ key: "tool_group", params: { group: "Papildgrupa", count: 1 } }]);
    expect(ours().map((s) => s.groupid)).to.deep.equal([1]);
    expect(logOf(1).map(([id]) => id)).to.include.members([4, 5]);
    for (const locale of ["lv", "en"] as const) {
      const [text] = presentExportResult(r, translator(locale)).problems;
      expect(text).to.include("Papildgrupa").and.not.include("bridge.export");
    }
    expect(presentExportResult(r, translator("lv")).problems[0]).to.include("ir tikai Rollbook");

    await setGroups(group.tool);
    const courseWide = await run();
    expect(courseWide.problems).to.deep.include({
      key: "tool_group_course",
      params: { group: "Papildgrupa", count: 1 },
    });
  });

  it("gives a group added later its own Moodle session, and leaves a removed group's session in Moodle with a report", async () => {
    await setGroups(group.g1);
    await run();
    expect(ours().map((s) => s.groupid)).to.deep.equal([1]);

    await setGroups(group.g1, group.g2);
    const added = await run();
    expect(added).to.include({ added: 1, removed: 0 });
    expect(logOf(2)).to.deep.equal([[6, "6"]]);

    await setGroups(group.g2);
    const left = await run();
    expect(left).to.include({ added: 0, removed: 0 });
    expect(callsOf(fake, "mod_attendance_remove_session")).to.have.length(0);
    expect(
      ours()
        .map((s) => s.groupid)
        .sort(),
    ).to.deep.equal([1, 2]);
    expect(left.problems).to.deep.equal([
      { key: "group_left", params: { date: "2026-12-02 07:00", description: "Seminārs", group: "BVK-21" } },
    ]);
    expect(presentExportResult(left, translator("en")).problems[0]).to.include("left in Moodle");

    // Once the teacher deletes it in Moodle, it is no longer reported.
    moodleState.sessions.delete(ours().find((s) => s.groupid === 1)!.id as number);
    expect((await run()).problems).to.deep.equal([]);
    expect(
      await db()
        .select()
        .from(moodleAttendanceSessionMap)
        .where(
          and(eq(moodleAttendanceSessionMap.sessionId, sessionId), eq(moodleAttendanceSessionMap.moodleGroupId, "1")),
        ),
    ).to.have.length(0);
  });
});
