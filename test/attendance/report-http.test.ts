import { expect } from "chai";
import { eq } from "drizzle-orm";
import { attendanceMarkHistory, attendanceMarks, attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, otherCourse, postForm, type Launched } from "./launch.js";
import { binary } from "../planning/fixtures.js";
import { readXlsxRows, xlsxOf } from "./xlsx.js";

describe(`report and the student's view (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  let report: string;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    t.clock.set(new Date("2025-10-10T12:00:00Z"));
    lecturer = await launchAs(t, moodle, "instructor");
    const base = `/activities/${lecturer.activityId}/attendance/sessions`;
    await postForm(lecturer, base, {
      date: "2025-10-01",
      startTime: "09:00",
      endTime: "10:30",
      repeat: "on",
      weekdays: "3",
      everyWeeks: "1",
      until: "2025-10-22",
    }).expect(303);
    const sessions = await t.database.db.select().from(attendanceSessions).orderBy(attendanceSessions.startsAt);
    const statuses = await t.database.db
      .select()
      .from(attendanceStatuses)
      .where(eq(attendanceStatuses.setId, sessions[0]!.setId));
    const id = (a: string) => String(statuses.find((s) => s.acronym === a)!.id);
    await postForm(lecturer, `${base}/${sessions[0]!.id}/marks`, {
      s_4: id("P"),
      o_4: "",
      s_5: id("L"),
      o_5: "",
      r_5: "vilciens kavējās",
      or_5: "",
    }).expect(303);
    await postForm(lecturer, `${base}/${sessions[1]!.id}/marks`, {
      s_4: id("P"),
      o_4: "",
      s_5: id("A"),
      o_5: "",
    }).expect(303);
    report = `/activities/${lecturer.activityId}/attendance/report`;
  });
  after(async () => {
    t.clock.set(null);
  });

  it("shows a row per student: the name, points and both percentages first, then counts and the sessions", async () => {
    const res = await lecturer.agent.get(report).expect(200);
    const row = (user: string) =>
      textOf(
        /<tr data-user="(\d+)">[\s\S]*?<\/tr>/g.exec(
          res.text.slice(res.text.indexOf(`<tr data-user="${user}"`)),
        )?.[0] ?? "",
      );
    expect(row("4")).to.equal("Jānis Bērziņš 4/4 100 % 100 % 2 0 0 0 P P · ·");
    expect(row("5")).to.equal("Anna Kalniņa 1/4 25 % 25 % 0 1 0 1 L A · ·");
    expect(row("6")).to.equal("Mārtiņš Ozols 0/0 — 0 % 0 0 0 0 · · · ·");
    expect(textOf(res.text)).to.include("Per session P1 L1 P1 A1");
  });

  it("filters below X % and sorts by percentage", async () => {
    const res = await lecturer.agent.get(`${report}?below=50&sort=percent&dir=asc`).expect(200);
    const users = [...res.text.matchAll(/<tr data-user="(\d+)">/g)].map((m) => m[1]);
    expect(users).to.deep.equal(["5"]);
    const byDate = await lecturer.agent.get(`${report}?from=2025-10-08&to=2025-10-08`).expect(200);
    expect(textOf(byDate.text)).to.include("Anna Kalniņa 0/2 0 % 0 % 0 0 0 1 A");
  });

  it("switches the counting percentage to all sessions", async () => {
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/settings`, { percentBasis: "all" }).expect(
      303,
    );
    const res = await lecturer.agent.get(`${report}?below=50`).expect(200);
    expect([...res.text.matchAll(/<tr data-user="(\d+)">/g)].map((m) => m[1])).to.deep.equal(["8", "5", "9", "7", "6"]);
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/settings`, {
      percentBasis: "taken",
    }).expect(303);
  });

  it("shows a student their sessions, remarks, totals and what the percentage means", async () => {
    const student = await launchAs(t, moodle, "learner", { sub: "5" });
    const res = await student.agent.get(`/activities/${student.activityId}/me`).expect(200);
    const text = textOf(res.text);
    expect(text).to.include("25 %").and.include("1 of 4 points").and.include("marked in 2 of 2 sessions held");
    expect(text).to.include("01.10.2025 09:00 Remark: vilciens kavējās L Late");
    expect(text).to.include("08.10.2025 09:00 A Absent").and.include("15.10.2025 09:00 Upcoming");
    expect(text).to.include("Unmarked sessions do not count.");
    expect(text).to.not.include("Bērziņš");
  });

  it("summarises the course: counts per session, and each student's percentage after each session with the trend", async () => {
    const res = await lecturer.agent.get(`/activities/${lecturer.activityId}/attendance/summary`).expect(200);
    const text = textOf(res.text);
    expect(text).to.include("Course summary");
    expect(text).to.include("08.10.2025 09:00 6 1 0 0 1 4 50 %");
    expect(text).to.include("01.10.2025 09:00 6 1 1 0 0 4 75 %");
    expect(text).to.include("Anna Kalniņa 25 % — 50 → 25 L A").and.include("Elīna Krūmiņa — — — Līga Liepiņa");
  });

  it("exports the wide shape with a BOM, Latvian letters and a semicolon option", async () => {
    const res = await lecturer.agent
      .get(`/activities/${lecturer.activityId}/attendance/export.csv?shape=wide&sep=semicolon`)
      .expect(200);
    expect(res.headers["content-type"]).to.equal("text/csv; charset=utf-8");
    const body = res.text;
    expect(body.startsWith("\uFEFF")).to.equal(true);
    const lines = body.slice(1).split("\r\n");
    expect(lines[0]).to.equal(
      "Student;Moodle user ID;Email;2025-10-01 09:00;2025-10-08 09:00;2025-10-15 09:00;2025-10-22 09:00;Points;Max points;% of taken;% of all",
    );
    expect(lines).to.include("Anna Kalniņa;5;anna.kalnina@example.lv;L;A;;;1;4;25;25");
  });

  it("exports the tidy shape, a row per mark", async () => {
    const res = await lecturer.agent
      .get(`/activities/${lecturer.activityId}/attendance/export.csv?shape=tidy`)
      .expect(200);
    const lines = res.text.slice(1).trim().split("\r\n");
    expect(lines[0]).to.equal(
      "Student,Moodle user ID,Email,Groups,Date,Start,End,Status,Points,Remark,Kind,Marked by,Marked at",
    );
    expect(lines).to.have.length(5);
    expect(
      lines.find((l) =>
        l.startsWith(
          "Anna Kalniņa,5,anna.kalnina@example.lv,,2025-10-01,09:00,10:30,L,1,vilciens kavējās,lecturer,Ilze Ozoliņa,",
        ),
      ),
    ).to.be.a("string");
  });

  it("exports both shapes as XLSX with Latvian letters intact and numbers as numbers", async () => {
    const wide = await lecturer.agent
      .get(`/activities/${lecturer.activityId}/attendance/export.xlsx?shape=wide`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(wide.headers["content-type"]).to.equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(wide.headers["content-disposition"]).to.match(/attendance-\d+-wide\.xlsx/);
    const rows = await readXlsxRows(wide.body as Buffer);
    expect(rows[0]).to.deep.equal([
      "Student",
      "Moodle user ID",
      "Email",
      "2025-10-01 09:00",
      "2025-10-08 09:00",
      "2025-10-15 09:00",
      "2025-10-22 09:00",
      "Points",
      "Max points",
      "% of taken",
      "% of all",
    ]);
    expect(rows.find((r) => r[0] === "Anna Kalniņa")).to.deep.equal([
      "Anna Kalniņa",
      "5",
      "anna.kalnina@example.lv",
      "L",
      "A",
      null,
      null,
      1,
      4,
      25,
      25,
    ]);
    const tidy = await lecturer.agent
      .get(`/activities/${lecturer.activityId}/attendance/export.xlsx?shape=tidy`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const marks = await readXlsxRows(tidy.body as Buffer);
    expect(marks).to.have.length(5);
    expect(marks.find((r) => r[0] === "Anna Kalniņa" && r[4] === "2025-10-01")?.slice(0, 12)).to.deep.equal([
      "Anna Kalniņa",
      "5",
      "anna.kalnina@example.lv",
      null,
      "2025-10-01",
      "09:00",
      "10:30",
      "L",
      1,
      "vilciens kavējās",
      "lecturer",
      "Ilze Ozoliņa",
    ]);
  });

  it("imports marks from the tidy XLSX export, edited, and refuses a file with an unknown status, saving nothing", async () => {
    const upload = (bytes: Buffer, name: string) =>
      lecturer.agent
        .post(`/activities/${lecturer.activityId}/attendance/marks/import`)
        .field("_csrf", lecturer.csrf)
        .attach("file", bytes, name)
        .redirects(0);
    const before = await t.database.db.select().from(attendanceMarks);
    const bad = await upload(
      Buffer.from(
        "Moodle user ID;Date;Start;Status\n5;01.10.2025;9:00;X\n999;2025-10-01;09:00;P\n4;2025-10-02;09:00;P\n4;31.02.2025;09:00;P\n",
      ),
      "atzimes.csv",
    ).expect(400);
    const text = textOf(bad.text);
    expect(text).to.include("Nothing was saved: 4 problems.");
    expect(text)
      .to.include("2 Status There is no such status in this session's status set.")
      .and.include("3 Moodle user ID There is no such student in this course.");
    expect(text)
      .to.include("4 Date There is no session at this date and start time.")
      .and.include("5 Date Enter a valid date (YYYY-MM-DD).");
    expect(await t.database.db.select().from(attendanceMarks)).to.deep.equal(before);

    const exported = await lecturer.agent
      .get(`/activities/${lecturer.activityId}/attendance/export.xlsx?shape=tidy`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const rows = await readXlsxRows(exported.body as Buffer);
    const anna = rows.find((r) => r[1] === "5" && r[4] === "2025-10-01")!;
    anna[7] = "e";
    anna[9] = "ārsts";
    const ok = await upload(await xlsxOf(rows), "atzimes.xlsx").expect(303);
    expect(textOf((await lecturer.agent.get(ok.headers.location as string).expect(200)).text)).to.include(
      "1 mark changed.",
    );
    const statuses = await t.database.db.select().from(attendanceStatuses);
    const mark = (await t.database.db.select().from(attendanceMarks)).find(
      (m) => m.userId === "5" && m.remark === "ārsts",
    );
    expect(statuses.find((s) => s.id === mark?.statusId)?.acronym).to.equal("E");
    expect(
      (await t.database.db.select().from(attendanceMarkHistory)).filter(
        (h) => h.userId === "5" && h.toRemark === "ārsts",
      ),
    ).to.have.length(1);
  });

  it("refuses a student the report (403), a lecturer the student page (403), and another course (404)", async () => {
    const student = await launchAs(t, moodle, "learner");
    await student.agent.get(`/activities/${student.activityId}/attendance/report`).expect(403);
    await student.agent.get(`/activities/${student.activityId}/attendance/summary`).expect(403);
    await student.agent.get(`/activities/${student.activityId}/attendance/marks/import`).expect(403);
    await lecturer.agent.get(`/activities/${lecturer.activityId}/me`).expect(403);
    await student.agent.get(`/activities/${student.activityId}/attendance/export.csv`).expect(403);
    await student.agent.get(`/activities/${student.activityId}/attendance/export.xlsx`).expect(403);
    const other = await launchAs(t, moodle, "instructor", otherCourse());
    const res = await other.agent.get(`/activities/${other.activityId}/attendance/report`).expect(200);
    expect(textOf(res.text)).to.not.include("Bērziņš P P");
  });
});
