import { expect } from "chai";
import { asc, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { attendanceSessionGroups, attendanceSessions, courseGroups } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, otherCourse, postForm, type Launched } from "./launch.js";
import { xlsxOf } from "./xlsx.js";

const local = (d: Date) => DateTime.fromJSDate(d, { zone: "Europe/Riga" }).toFormat("yyyy-MM-dd HH:mm");

describe(`sessions (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  let base: string;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    lecturer = await launchAs(t, moodle, "instructor");
    base = `/activities/${lecturer.activityId}/attendance/sessions`;
    t.clock.set(new Date("2025-03-26T10:00:00Z"));
  });
  after(async () => {
    t.clock.set(null);
  });
  beforeEach(async () => {
    await t.database.db.delete(attendanceSessions);
  });
  const sessions = () => t.database.db.select().from(attendanceSessions).orderBy(asc(attendanceSessions.startsAt));

  it("creates a single session for a group, in the course's local time", async () => {
    await postForm(lecturer, `/activities/${lecturer.activityId}/groups`, { name: "A grupa" }).expect(303);
    const [group] = await t.database.db.select().from(courseGroups);
    await postForm(lecturer, base, {
      date: "2025-03-27",
      startTime: "09:00",
      endTime: "10:30",
      description: "Ievads",
      room: "201",
      groupIds: String(group!.id),
    }).expect(303);
    const [s] = await sessions();
    expect(local(s!.startsAt)).to.equal("2025-03-27 09:00");
    expect(s).to.include({ description: "Ievads", room: "201", seriesId: null });
    expect(
      await t.database.db.select().from(attendanceSessionGroups).where(eq(attendanceSessionGroups.sessionId, s!.id)),
    ).to.have.length(1);
    const page = await lecturer.agent.get(base).expect(200);
    expect(textOf(page.text)).to.include("09:00–10:30 Ievads · 201 A grupa");
  });

  it("creates a weekly series that stays at 9:00 across the spring change", async () => {
    await postForm(lecturer, base, {
      date: "2025-03-24",
      startTime: "09:00",
      endTime: "10:30",
      repeat: "on",
      weekdays: ["1", "3"],
      everyWeeks: "1",
      until: "2025-04-02",
    }).expect(303);
    const rows = await sessions();
    expect(rows.map((s) => local(s.startsAt))).to.deep.equal([
      "2025-03-24 09:00",
      "2025-03-26 09:00",
      "2025-03-31 09:00",
      "2025-04-02 09:00",
    ]);
    expect(new Set(rows.map((s) => s.seriesId)).size).to.equal(1);
  });

  it("lists today first, and by week with the period's sessions only", async () => {
    await postForm(lecturer, base, {
      date: "2025-03-17",
      startTime: "09:00",
      endTime: "10:30",
      repeat: "on",
      weekdays: ["3"],
      everyWeeks: "1",
      until: "2025-04-09",
    }).expect(303);
    const all = textOf((await lecturer.agent.get(base).expect(200)).text);
    expect(all.indexOf("26 Mar 2025")).to.be.lessThan(all.indexOf("19 Mar 2025"));
    expect(all.indexOf("2 Apr 2025")).to.be.lessThan(all.indexOf("19 Mar 2025"));
    expect(all).to.include("Today");
    const week = textOf((await lecturer.agent.get(`${base}?view=week&at=2025-04-01`).expect(200)).text);
    expect(week).to.include("2 Apr 2025").and.not.include("26 Mar 2025");
  });

  it("re-renders an end before the start and a repeat with no date, keeping the input, saving nothing", async () => {
    const a = await postForm(lecturer, base, {
      date: "2025-03-27",
      startTime: "11:00",
      endTime: "10:00",
      description: "Kļūda",
    }).expect(400);
    expect(textOf(a.text)).to.include("The end must be after the start.");
    expect(a.text).to.include('value="Kļūda"');
    const b = await postForm(lecturer, base, {
      date: "2025-03-27",
      startTime: "09:00",
      endTime: "10:00",
      repeat: "on",
      weekdays: "1",
      everyWeeks: "1",
      until: "2025-03-28",
    }).expect(400);
    expect(textOf(b.text)).to.include("This repeat gives no date");
    const c = await postForm(lecturer, base, { date: "2025-02-30", startTime: "09:00", endTime: "10:00" }).expect(400);
    expect(textOf(c.text)).to.include("Enter a valid date");
    expect(await sessions()).to.have.length(0);
  });

  it("edits, duplicates, moves and deletes sessions in bulk", async () => {
    await postForm(lecturer, base, { date: "2025-03-27", startTime: "09:00", endTime: "10:30" }).expect(303);
    const [s] = await sessions();
    await postForm(lecturer, `${base}/${s!.id}/edit`, {
      date: "2025-03-28",
      startTime: "12:00",
      endTime: "13:00",
      description: "Pārcelta",
    }).expect(303);
    expect(local((await sessions())[0]!.startsAt)).to.equal("2025-03-28 12:00");
    const dup = await postForm(lecturer, `${base}/${s!.id}/duplicate`, {}).expect(303);
    expect(dup.headers.location).to.match(/\/sessions\/\d+\/edit$/);
    await lecturer.agent.get(dup.headers.location as string).expect(200);
    const two = await sessions();
    expect(two.map((x) => x.description)).to.deep.equal(["Pārcelta", "Pārcelta"]);
    await postForm(lecturer, `${base}/bulk`, {
      action: "retime",
      sessionIds: two.map((x) => String(x.id)),
      startTime: "08:15",
      durationMinutes: "90",
    }).expect(303);
    expect((await sessions()).map((x) => `${local(x.startsAt)}-${local(x.endsAt).slice(11)}`)).to.deep.equal([
      "2025-03-28 08:15-09:45",
      "2025-03-28 08:15-09:45",
    ]);
    await postForm(lecturer, `${base}/bulk`, { action: "delete", sessionIds: [String(two[0]!.id)] }).expect(303);
    expect(await sessions()).to.have.length(1);
  });

  it("re-renders a refused bulk change with its messages, the chosen sessions and the values kept, changing nothing", async () => {
    await postForm(lecturer, base, { date: "2025-03-27", startTime: "09:00", endTime: "10:30" }).expect(303);
    const [s] = await sessions();
    const bad = await postForm(lecturer, `${base}/bulk`, {
      action: "retime",
      sessionIds: [String(s!.id)],
      startTime: "25:00",
      durationMinutes: "3",
    }).expect(400);
    const text = textOf(bad.text);
    expect(text).to.include("Enter a time as HH:MM.").and.include("A duration is 5 to 1440 minutes.");
    expect(bad.text).to.match(new RegExp(`value="${s!.id}" id="pick-${s!.id}" checked`));
    expect(bad.text).to.include('value="25:00"').and.include('value="3"');
    const none = await postForm(lecturer, `${base}/bulk`, { action: "delete" }).expect(400);
    expect(textOf(none.text)).to.include("Choose at least one session.");
    expect((await sessions()).map((x) => local(x.startsAt))).to.deep.equal(["2025-03-27 09:00"]);
  });

  it("imports sessions from CSV, or nothing with a per-row report", async () => {
    const bad = await postForm(lecturer, `${base}/import`, {
      csv: "datums;sākums;beigas;grupas\n01.10.2025;9:00;10:30;A grupa\n02.10.2025;11:00;10:00;\n03.10.2025;9:00;10:00;Nav tādas\n",
    }).expect(400);
    const text = textOf(bad.text);
    expect(text).to.include("Nothing was saved: 2 problems.");
    expect(text)
      .to.include("3 beigas The end must be after the start.")
      .and.include("4 grupas: Nav tādas There is no such group in this course.");
    expect(await sessions()).to.have.length(0);
    const ok = await postForm(lecturer, `${base}/import`, {
      csv: 'date,start,end,description,groups\n2025-10-01,09:00,10:30,"Ievads, 1. daļa",A grupa\n2025-10-08,09:00,10:30,,\n',
    }).expect(303);
    expect(textOf((await lecturer.agent.get(ok.headers.location as string).expect(200)).text)).to.include(
      "Sessions imported: 2.",
    );
    const rows = await sessions();
    expect(rows.map((r) => [local(r.startsAt), r.description])).to.deep.equal([
      ["2025-10-01 09:00", "Ievads, 1. daļa"],
      ["2025-10-08 09:00", ""],
    ]);
  });

  it("reports a quote that is never closed on the line its row starts, in Latvian and English", async () => {
    const csv = 'datums;sākums;beigas;apraksts\n\n01.10.2025;9:00;10:30;"Ievads\n02.10.2025;9:00;10:30;x\n';
    const en = textOf((await postForm(lecturer, `${base}/import`, { csv }).expect(400)).text);
    expect(en).to.include("Nothing was saved: 1 problem.").and.include("3 A quote opened in this row is never closed.");
    const latvian = await launchAs(t, moodle, "instructor", {}, "lv");
    const lv = textOf((await postForm(latvian, `${base}/import`, { csv }).expect(400)).text);
    expect(lv).to.include("3 Pēdiņas šajā rindā netiek aizvērtas.");
    expect(await sessions()).to.have.length(0);
  });

  it("imports sessions from XLSX (Excel dates and times), or nothing with a per-row report", async () => {
    const upload = (bytes: Buffer) =>
      lecturer.agent
        .post(`${base}/import`)
        .field("_csrf", lecturer.csrf)
        .attach("file", bytes, "nodarbibas.xlsx")
        .redirects(0);
    const bad = await upload(
      await xlsxOf([
        ["Datums", "Sākums", "Beigas", "Apraksts"],
        [new Date(Date.UTC(2025, 9, 1)), "09:00", "10:30", "Ievads"],
        ["31.02.2025", "09:00", "10:30", ""],
        ["2025-10-03", "11:00", "10:00", ""],
      ]),
    ).expect(400);
    const text = textOf(bad.text);
    expect(text).to.include("Nothing was saved: 2 problems.");
    expect(text)
      .to.include("3 Datums Enter a valid date (YYYY-MM-DD).")
      .and.include("4 Beigas The end must be after the start.");
    expect(await sessions()).to.have.length(0);
    const ok = await upload(
      await xlsxOf([
        ["date", "start", "end", "description"],
        [new Date(Date.UTC(2025, 9, 1)), new Date(Date.UTC(1899, 11, 30, 9, 0)), "10:30", "Ievads ēkā"],
        ["2025-10-08", "09:00", "10:30", ""],
      ]),
    ).expect(303);
    expect(textOf((await lecturer.agent.get(ok.headers.location as string).expect(200)).text)).to.include(
      "Sessions imported: 2.",
    );
    expect((await sessions()).map((r) => [local(r.startsAt), r.description])).to.deep.equal([
      ["2025-10-01 09:00", "Ievads ēkā"],
      ["2025-10-08 09:00", ""],
    ]);
  });

  it("reports a file that is not a readable XLSX, saving nothing", async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("not really a zip")]);
    const res = await lecturer.agent
      .post(`${base}/import`)
      .field("_csrf", lecturer.csrf)
      .attach("file", broken, "x.xlsx")
      .redirects(0)
      .expect(400);
    expect(textOf(res.text)).to.include("This is not an XLSX file that can be read.");
    expect(await sessions()).to.have.length(0);
  });

  it("refuses a student (403) and a lecturer of another course (404)", async () => {
    await postForm(lecturer, base, { date: "2025-03-27", startTime: "09:00", endTime: "10:30" }).expect(303);
    const [s] = await sessions();
    const student = await launchAs(t, moodle, "learner");
    await student.agent.get(`/activities/${student.activityId}/attendance/sessions`).expect(403);
    await postForm(student, `/activities/${student.activityId}/attendance/sessions`, {
      date: "2025-03-27",
      startTime: "09:00",
      endTime: "10:30",
    }).expect(403);
    await postForm(student, `/activities/${student.activityId}/attendance/sessions/import`, {
      csv: "date,start,end\n2025-10-01,09:00,10:00\n",
    }).expect(403);
    const other = await launchAs(t, moodle, "instructor", otherCourse());
    await other.agent.get(`/activities/${other.activityId}/attendance/sessions/${s!.id}/edit`).expect(404);
    await postForm(other, `/activities/${other.activityId}/attendance/sessions/${s!.id}/duplicate`, {}).expect(404);
    await postForm(other, `/activities/${other.activityId}/attendance/sessions/bulk`, {
      action: "delete",
      sessionIds: String(s!.id),
    }).expect(303);
    expect(await sessions()).to.have.length(1);
  });
});
