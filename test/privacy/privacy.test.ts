import { expect } from "chai";
import { and, eq, inArray } from "drizzle-orm";
import { buildReport } from "../../src/attendance/report/build-report.js";
import { loadReportInput } from "../../src/attendance/report/queries.js";
import * as t from "../../src/db/schema.js";
import { deletePerson, exportPerson, findPerson, PERSON_TABLES, type PersonExport } from "../../src/privacy/index.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { seedPlatform, type PlatformWorld } from "./world.js";

const NOW = new Date("2026-11-01T10:00:00Z");

/** An export without its timestamp: two exports of unchanged data are then equal. */
const stable = (e: PersonExport) => ({ ...e, exportedAt: "" });
const rowCounts = (e: PersonExport) =>
  Object.fromEntries(Object.entries(e.tables).map(([name, rows]) => [name, rows.length]));

describe(`privacy export and delete of one person (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let p1: PlatformWorld;
  let p2: PlatformWorld;
  const db = () => database.db;
  const exportOf = async (w: PlatformWorld, userId: string) =>
    exportPerson(db(), await findPerson(db(), w, userId), NOW);

  beforeEach(async () => {
    database = await createTestDatabase();
    p1 = await seedPlatform(db(), "p1");
    p2 = await seedPlatform(db(), "p2");
  });
  afterEach(() => database.destroy());

  it("exports every row about the student on one platform, and nothing of the same user id on another", async () => {
    const e = await exportOf(p1, "4");
    expect(e.emails).to.deep.equal(["anna@example.lv"]);
    expect(rowCounts(e)).to.deep.include({
      lti_store: 2,
      app_sessions: 1,
      course_members: 1,
      course_group_members: 1,
      attendance_marks: 2,
      attendance_mark_history: 1,
      attendance_grade_queue: 1,
      checkin_attempts: 2,
      checkin_devices: 1,
      checkin_guess_counts: 1,
      followup_warnings: 1,
      followup_contacts: 1,
      notify_messages: 3, // the warning and the contact message about her, the reminder she was sent
      notify_deliveries: 2, // hers only: not the lecturer's copy of the warning, not Pēteris's reminder
      notify_opt_outs: 1,
      moodle_message_recipients: 1,
      excuses: 1,
      excuse_files: 1,
    });
    expect(e.tables.excuse_files![0]).to.deep.include({
      fileName: "zīme.pdf",
      base64: Buffer.from("%PDF").toString("base64"),
    });
    const text = JSON.stringify(e);
    expect(text).to.include(p1.marker).and.not.include(p2.marker);
    expect(text).to.not.include("peteris@example.lv").and.not.include("sess-p1-4"); // others; the session secret
    expect(e.tables.attendance_marks!.map((m) => m.remark)).to.include(`ārsta zīme ${p1.marker}`);
    expect(e.context.statuses.map((s) => s.acronym).sort()).to.deep.equal(["A", "P"]);
    expect(e.context.courses).to.have.length(1);
    expect(e.actedAs["attendance_marks.marked_by"]).to.equal(1); // her own check-in
    for (const name of Object.keys(e.tables)) expect(PERSON_TABLES, name).to.have.property(name);
  });

  it("exports a lecturer's classes by e-mail, and counts (does not copy) the marks they made", async () => {
    const e = await exportOf(p1, "3");
    expect(rowCounts(e)).to.deep.include({
      study_classes: 1,
      lecturer_replies: 1,
      lecturer_counts: 1,
      planning_coordinators: 1,
      attendance_sessions: 2,
      notify_deliveries: 1,
    });
    expect(e.actedAs).to.deep.include({
      "attendance_marks.marked_by": 2,
      "followup_contacts.by_user_id": 1,
      "excuses.decided_by": 1,
    });
    expect(JSON.stringify(e)).to.not.include("ārsta zīme"); // a student's remark is the student's
  });

  it("counts in a dry run exactly what the delete then changes, and the dry run changes nothing", async () => {
    const before = stable(await exportOf(p1, "4"));
    const person = await findPerson(db(), p1, "4");
    const dry = await deletePerson(db(), person, { dryRun: true, pseudonym: "anon-dry" }, NOW);
    expect(stable(await exportOf(p1, "4"))).to.deep.equal(before);
    const [still] = await db().select().from(t.courseMembers).where(eq(t.courseMembers.userId, "anon-dry"));
    expect(still).to.equal(undefined);
    const real = await deletePerson(db(), person, { dryRun: false, pseudonym: "anon-real" }, NOW);
    expect(real.counts).to.deep.equal(dry.counts);
    expect(real.counts).to.deep.include({
      attendance_marks: 2,
      course_members: 1,
      checkin_attempts: 2,
      lti_store: 2,
      excuses: 1,
      excuse_files: 1,
    });
  });

  it("deletes the student's rows and keeps the register under a pseudonym; the other platform is untouched", async () => {
    const otherBefore = [stable(await exportOf(p2, "4")), stable(await exportOf(p2, "3"))];
    const report = async () =>
      buildReport(await loadReportInput(db(), p1.courseId, p1.activityId, "taken", NOW)).map((r) => ({
        who: r.student.userId === "4" ? "her" : r.student.userId === "anon-x1" ? "her" : r.student.userId,
        cells: r.cells.map((c) => [c.expected, c.acronym]),
        percent: r.percent,
      }));
    const reportBefore = await report();
    await deletePerson(db(), await findPerson(db(), p1, "4"), { dryRun: false, pseudonym: "anon-x1" }, NOW);
    expect(await report(), "the course's report adds up as before").to.deep.equal(reportBefore);

    const after = await exportOf(p1, "4");
    for (const [name, rows] of Object.entries(after.tables)) expect(rows, name).to.deep.equal([]);
    expect(Object.values(after.actedAs).every((n) => n === 0)).to.equal(true);
    expect([stable(await exportOf(p2, "4")), stable(await exportOf(p2, "3"))]).to.deep.equal(otherBefore);

    const marks = await db()
      .select()
      .from(t.attendanceMarks)
      .where(inArray(t.attendanceMarks.sessionId, p1.sessionIds));
    expect(marks.map((m) => [m.userId, m.statusId, m.remark, m.markedBy]).sort()).to.deep.equal(
      [
        ["5", p1.status.P, "", "3"],
        ["anon-x1", p1.status.A, "", "3"],
        ["anon-x1", p1.status.P, "", "anon-x1"],
      ].sort(),
    );
    const [member] = await db()
      .select()
      .from(t.courseMembers)
      .where(and(eq(t.courseMembers.courseId, p1.courseId), eq(t.courseMembers.userId, "anon-x1")));
    expect(member).to.deep.include({ name: "", email: null, username: null, isLearner: true, isEnrolled: false });
    expect(member!.leftAt?.toISOString()).to.equal(NOW.toISOString());
    const groups = await db().select().from(t.courseGroupMembers).where(eq(t.courseGroupMembers.courseId, p1.courseId));
    expect(groups.map((g) => g.userId).sort()).to.deep.equal(["5", "anon-x1"]);
    const [warning] = await db()
      .select()
      .from(t.followupWarnings)
      .where(eq(t.followupWarnings.activityId, p1.activityId));
    expect(warning).to.deep.include({
      userId: "anon-x1",
      factKey: `below:75:1:anon-x1:s${p1.sessionIds[0]}A`,
      messageId: null,
    });
    const reminders = await db().select().from(t.notifyDeliveries);
    expect(reminders.filter((d) => d.email === "anna@example.lv")).to.have.length(2); // platform 2's only
    expect(reminders.filter((d) => d.email === "peteris@example.lv")).to.have.length(2);
    const tokens = await db().select().from(t.ltiStore);
    expect(tokens.filter((r) => r.doc.user === "4")).to.have.length(2); // platform 2's id and context token
    expect(tokens.filter((r) => r.doc.user === "5")).to.have.length(2);
  });

  it("anonymises a lecturer: classes, replies, mentions in change history and mentor lists; marks keep who marked", async () => {
    const otherBefore = stable(await exportOf(p2, "3"));
    await deletePerson(db(), await findPerson(db(), p1, "3"), { dryRun: false, pseudonym: "anon-l1" }, NOW);
    expect(stable(await exportOf(p2, "3"))).to.deep.equal(otherBefore);

    const [cls] = await db().select().from(t.studyClasses).where(eq(t.studyClasses.id, p1.classId));
    expect(cls).to.deep.include({ lecturerName: "", lecturerEmail: "", courseRef: "BK101" });
    const [change] = await db().select().from(t.classChanges).where(eq(t.classChanges.classId, p1.classId));
    expect(change).to.deep.include({ byUserId: "anon-l1", byName: "" });
    expect(change!.diff).to.deep.equal({
      lecturerEmail: { from: null, to: "" },
      lecturerName: { from: null, to: "" },
      room: { from: null, to: "101" },
    });
    const [rules] = await db().select().from(t.followupRules).where(eq(t.followupRules.activityId, p1.activityId));
    expect(rules!.config.mentorEmails).to.deep.equal(["mentore@example.lv"]);
    expect(rules!.updatedBy).to.equal("anon-l1");
    const [count] = await db().select().from(t.lecturerCounts).where(eq(t.lecturerCounts.classId, p1.classId));
    expect(count).to.deep.include({ email: "", attendees: 14 });
    const sessions = await db()
      .select()
      .from(t.attendanceSessions)
      .where(eq(t.attendanceSessions.activityId, p1.activityId));
    expect(sessions.map((s) => [s.lecturerUserId, s.createdBy])).to.deep.equal([
      ["anon-l1", "anon-l1"],
      ["anon-l1", "anon-l1"],
    ]);
    const marks = await db()
      .select()
      .from(t.attendanceMarks)
      .where(inArray(t.attendanceMarks.sessionId, p1.sessionIds));
    expect(marks.map((m) => m.markedBy).sort()).to.deep.equal(["4", "anon-l1", "anon-l1"]);
    expect(await db().$count(t.lecturerReplies, eq(t.lecturerReplies.platformId, "p1"))).to.equal(0);
    expect(await db().$count(t.planningCoordinators, eq(t.planningCoordinators.platformId, "p1"))).to.equal(0);
    const [decided] = await db().select().from(t.excuses).where(eq(t.excuses.activityId, p1.activityId));
    expect(decided).to.deep.include({ decidedBy: "anon-l1", decidedByName: "", userId: "4" });
    const after = await exportOf(p1, "3");
    for (const [name, rows] of Object.entries(after.tables)) expect(rows, name).to.deep.equal([]);
  });

  it("finds a lecturer the plan knows only by an address the operator gives", async () => {
    const person = await findPerson(db(), p1, "999", [" Ilze@Example.LV "]);
    expect(person.emails).to.deep.equal(["ilze@example.lv"]);
    const e = await exportPerson(db(), person, NOW);
    expect(rowCounts(e)).to.deep.include({
      study_classes: 1,
      lecturer_replies: 1,
      lecturer_counts: 1,
      course_members: 0,
    });
  });
});
