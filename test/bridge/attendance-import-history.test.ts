import { expect } from "chai";
import { and, asc, eq } from "drizzle-orm";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { recordMarks } from "../../src/attendance/register/record-marks.js";
import { presentHistory } from "../../src/attendance/register/present-history.js";
import { presentImportResult } from "../../src/bridge/present-import.js";
import { importMoodleAttendance, previewAttendanceImport } from "../../src/bridge/import-moodle-attendance.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import {
  activities,
  attendanceGradeQueue,
  attendanceMarkHistory,
  attendanceMarks,
  attendanceSessions,
  attendanceStatuses,
  courseGroups,
  courseMembers,
  courses,
} from "../../src/db/schema.js";
import { translator } from "../../src/i18n/i18n.js";
import type { Actor } from "../../src/lti/actor.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { takenAttendance, moodleLecturer } from "./fake-moodle-helpers.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";
const NOW = new Date("2026-11-23T10:00:00Z");
const LATER = new Date("2026-11-24T10:00:00Z");
type Log = { studentid: number; statusid: string; remarks: string | null; id: string };

describe(`importing Moodle's Attendance plugin: history and marks changed in Rollbook (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let fake: FakeMoodle;
  let actor: Actor;
  let activityId: number;
  let acronymOf: Map<number, string>;
  const db = () => database.db;
  const run = (now = NOW) => importMoodleAttendance(db(), KEY, actor, activityId, 1, now, { retries: 0 });
  /** Moodle's marks of session 1 (recorded: 4 = P "5", 5 = L "7") after `edit`; E = "8", A = "6". */
  const moodleSession1 = (edit: (log: Log[]) => Log[]) =>
    takenAttendance(fake, (list) =>
      list.map((s) => (s.id === 1 ? { ...s, attendance_log: edit(s.attendance_log as Log[]) } : s)),
    );
  const session1 = async () =>
    (
      await db()
        .select()
        .from(attendanceSessions)
        .where(eq(attendanceSessions.description, "1. nodarbība: Lietišķā sarakste (BVK-21)"))
    )[0]!;
  const markOf = async (userId: string) =>
    (
      await db()
        .select()
        .from(attendanceMarks)
        .where(and(eq(attendanceMarks.sessionId, (await session1()).id), eq(attendanceMarks.userId, userId)))
    )[0]!;
  const historyOf = (userId: string) =>
    db()
      .select()
      .from(attendanceMarkHistory)
      .where(eq(attendanceMarkHistory.userId, userId))
      .orderBy(asc(attendanceMarkHistory.id));

  beforeEach(async () => {
    database = await createTestDatabase();
    fake = await startFakeMoodle();
    const [c] = await db().insert(courses).values({ platformId: "p1", contextId: "2", title: "BK101" }).returning();
    await db()
      .insert(courseMembers)
      .values([
        { courseId: c!.id, userId: "3", name: "Ilze Ozoliņa" },
        ...[
          ["4", "Jānis Bērziņš"],
          ["5", "Anna Kalniņa"],
          ["7", "Līga Liepiņa"],
          ["8", "Kristaps Jansons"],
          ["9", "Elīna Krūmiņa"],
        ].map(([userId, name]) => ({ courseId: c!.id, userId: userId!, name: name!, isLearner: true })),
      ]);
    await db().insert(courseGroups).values({ courseId: c!.id, name: "BVK-21", source: "moodle", moodleGroupId: "1" });
    const [a] = await db()
      .insert(activities)
      .values({
        courseId: c!.id,
        linkKey: "k1",
        title: "Apmeklējums",
        lineItemUrl: "https://moodle.example.lv/mod/lti/services.php/2/lineitems/1/lineitem",
      })
      .returning();
    activityId = a!.id;
    actor = moodleLecturer(c!.id, activityId);
    await saveConnection(db(), KEY, "p1", { baseUrl: fake.baseUrl, token: fake.token }, "2", NOW);
    takenAttendance(fake);
    await run();
    acronymOf = new Map((await db().select().from(attendanceStatuses)).map((s) => [s.id, s.acronym]));
  });
  afterEach(async () => {
    await fake.close();
    await database.destroy();
  });

  it("writes a history row of kind 'import' for every mark it writes or changes, labelled in Latvian and English", async () => {
    const first = await historyOf("4");
    expect(first.map((h) => [h.by, h.changedBy, h.fromStatusId, acronymOf.get(h.toStatusId!)])).to.deep.equal([
      ["import", "3", null, "P"],
    ]);
    expect(await historyOf("5")).to.have.length(1);
    expect((await markOf("4")).by).to.equal("import");

    moodleSession1((log) =>
      log.map((l) => (l.studentid === 4 ? { ...l, statusid: "8", remarks: "slimības lapa" } : l)),
    );
    const again = await run(LATER);
    expect(again).to.include({ marks: 1, unchanged: 1 });
    const changed = await historyOf("4");
    expect(
      changed.map((h) => [h.by, acronymOf.get(h.fromStatusId!), acronymOf.get(h.toStatusId!), h.toRemark]),
    ).to.deep.equal([
      ["import", undefined, "P", ""],
      ["import", "P", "E", "slimības lapa"],
    ]);
    expect(await historyOf("5")).to.have.length(1); // unchanged in Moodle: no new row

    const names = new Map([["3", "Ilze Ozoliņa"]]);
    const statuses = await db().select().from(attendanceStatuses);
    for (const [locale, label] of [
      ["lv", "Importēts no Moodle (Ilze Ozoliņa)"],
      ["en", "Imported from Moodle (Ilze Ozoliņa)"],
    ] as const) {
      const shown = presentHistory(
        { history: changed, mark: await markOf("4"), statuses, names, zone: "Europe/Riga" },
        translator(locale),
      );
      expect(shown.current?.who).to.equal(label);
      expect(shown.changes.map((c) => c.who)).to.deep.equal([label, label]);
    }
  });

  it("keeps a mark changed in Rollbook since the last import and lists it, while a mark changed in Moodle is updated", async () => {
    const s1 = await session1();
    const statusId = (acronym: string) => [...acronymOf].find(([, a]) => a === acronym)![0];
    await recordMarks(
      db(),
      actor,
      activityId,
      s1.id,
      [{ userId: "5", statusId: statusId("A"), shownStatusId: statusId("L"), remark: "", shownRemark: "" }],
      NOW,
    );
    await db().delete(attendanceGradeQueue);
    moodleSession1((log) => log.map((l) => ({ ...l, statusid: "8" }))); // 4: P -> E in Moodle; 5: L -> E in Moodle, A in Rollbook

    const { plan } = await previewAttendanceImport(db(), KEY, actor, activityId, 1, { retries: 0 });
    expect(plan.kept).to.deep.equal([{ userId: "5", name: "Anna Kalniņa", date: "24.11.2026 10:15" }]);
    expect(plan.markCount).to.equal(1);

    const r = await run(LATER);
    expect(r).to.include({ marks: 1 });
    expect(r.kept).to.deep.equal(plan.kept);
    expect(acronymOf.get((await markOf("5")).statusId)).to.equal("A");
    expect((await markOf("5")).by).to.equal("lecturer");
    expect(acronymOf.get((await markOf("4")).statusId)).to.equal("E");
    expect((await historyOf("5")).map((h) => h.by)).to.deep.equal(["import", "lecturer"]);
    expect((await db().select().from(attendanceGradeQueue)).map((q) => q.userId)).to.deep.equal(["4"]); // only the mark Moodle changed
    const [taken] = await db()
      .select({ takenAt: attendanceSessions.takenAt })
      .from(attendanceSessions)
      .where(eq(attendanceSessions.id, s1.id));
    expect(taken!.takenAt!.getTime()).to.be.at.least(NOW.getTime()); // the register saved in Rollbook is not moved back to Moodle's taking
    expect(presentImportResult(r, translator("en")).kept).to.equal(
      "Changed in Rollbook since the last import, kept: 1 (Anna Kalniņa).",
    );
    expect(presentImportResult(r, translator("lv")).kept).to.equal(
      "Mainītas Rollbook kopš pēdējās ievietošanas, paturētas: 1 (Anna Kalniņa).",
    );

    const third = await run(LATER);
    expect(third).to.include({ marks: 0, unchanged: 1 });
    expect(third.kept.map((k) => k.userId)).to.deep.equal(["5"]);
  });

  it("queues only the grades of students whose marks changed, and updates a mark imported before history was kept", async () => {
    // An import before this change wrote marks as 'lecturer' without history: Moodle still owns them.
    await db().delete(attendanceMarkHistory);
    await db().update(attendanceMarks).set({ by: "lecturer" });
    await db().delete(attendanceGradeQueue);
    moodleSession1((log) => log.map((l) => (l.studentid === 5 ? { ...l, statusid: "6" } : l)));
    const r = await run(LATER);
    expect(r).to.include({ marks: 1, unchanged: 1 });
    expect(r.kept).to.deep.equal([]);
    expect(acronymOf.get((await markOf("5")).statusId)).to.equal("A");
    expect((await db().select().from(attendanceGradeQueue)).map((q) => q.userId)).to.deep.equal(["5"]);
  });
});
