import { expect } from "chai";
import { asc, eq, inArray } from "drizzle-orm";
import { attendanceMarkHistory, attendanceMarks, attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, otherCourse, postForm, type Launched } from "./launch.js";

describe(`taking attendance (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  let page: string;
  let sessionId: number;
  let status: Record<string, number>;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    lecturer = await launchAs(t, moodle, "instructor");
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/sessions`, {
      date: "2025-10-01",
      startTime: "09:00",
      endTime: "10:30",
      description: "Lekcija",
    }).expect(303);
    const [s] = await t.database.db.select().from(attendanceSessions);
    sessionId = s!.id;
    page = `/activities/${lecturer.activityId}/attendance/sessions/${sessionId}`;
    const rows = await t.database.db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, s!.setId));
    status = Object.fromEntries(rows.map((r) => [r.acronym, r.id]));
  });
  const marks = () => t.database.db.select().from(attendanceMarks).orderBy(asc(attendanceMarks.userId));

  it("lists every student with a radio per status, all highlighted as unmarked", async () => {
    const res = await lecturer.agent.get(page).expect(200);
    const text = textOf(res.text);
    expect(text).to.include("6 students are not marked yet.");
    for (const name of ["Jānis Bērziņš", "Anna Kalniņa", "Mārtiņš Ozols"]) expect(text).to.include(name);
    expect(text).to.not.include("Ilze Ozoliņa Unmarked");
    expect(res.text.match(/type="radio" name="s_4"/g)).to.have.length(4);
    expect(res.text.match(/class="table-warning"/g)).to.have.length(6);
  });

  it("saves the form, shows who marked last, and saves a single row as JSON", async () => {
    await postForm(lecturer, `${page}/marks`, {
      s_4: String(status.P),
      o_4: "",
      r_4: "",
      or_4: "",
      s_5: String(status.L),
      o_5: "",
      r_5: "autobuss",
      or_5: "",
    }).expect(303);
    const res = await lecturer.agent.get(page).expect(200);
    const text = textOf(res.text);
    expect(text).to.include("4 students are not marked yet.");
    expect(text).to.match(/Anna Kalniņa .*Ilze Ozoliņa · \d\d\.\d\d\.\d{4} \d\d:\d\d/);
    expect(res.text).to.include('value="autobuss"');
    const json = await lecturer.agent
      .post(`${page}/marks`)
      .set("Accept", "application/json")
      .type("form")
      .send({ _csrf: lecturer.csrf, s_6: String(status.A), o_6: "", r_6: "", or_6: "" })
      .expect(200);
    expect(json.body).to.deep.equal({ changed: 1 });
    expect((await marks()).map((m) => [m.userId, m.statusId, m.remark])).to.deep.equal([
      ["4", status.P, ""],
      ["5", status.L, "autobuss"],
      ["6", status.A, ""],
    ]);
  });

  it("closes a register: the unmarked become the set's 'unmarked at close' status", async () => {
    const res = await lecturer.agent.get(page).expect(200);
    expect(textOf(res.text)).to.include("Close: unmarked become A (Absent)");
    await postForm(lecturer, `${page}/close`, {}).expect(303);
    const rows = await marks();
    expect(rows.filter((m) => m.statusId === status.A).map((m) => m.userId)).to.deep.equal(["6", "7", "8", "9"]);
    expect(rows.find((m) => m.userId === "5")?.statusId).to.equal(status.L);
    await t.database.db.delete(attendanceMarks).where(inArray(attendanceMarks.userId, ["7", "8", "9"]));
  });

  it("sets all unmarked to a chosen status", async () => {
    const before = (await marks()).length;
    const none = await postForm(lecturer, `${page}/unmarked`, { statusId: "" }).expect(400);
    expect(textOf(none.text)).to.include("Choose a status.");
    expect(await marks()).to.have.length(before);
    await postForm(lecturer, `${page}/unmarked`, { statusId: String(status.P) }).expect(303);
    const rows = await marks();
    expect(rows).to.have.length(6);
    expect(rows.find((m) => m.userId === "5")?.statusId).to.equal(status.L);
    expect(textOf((await lecturer.agent.get(page).expect(200)).text)).to.include("Every student is marked.");
  });

  it("opens a mark's history from the register and the report: who, when, from, to, self check-ins labelled", async () => {
    await t.database.db.insert(attendanceMarkHistory).values({
      sessionId,
      userId: "5",
      fromStatusId: null,
      toStatusId: status.P!,
      fromRemark: null,
      toRemark: "",
      by: "self",
      changedBy: "5",
      changedAt: new Date("2025-10-01T06:01:00Z"),
    });
    const history = `${page}/students/5/history`;
    expect((await lecturer.agent.get(page).expect(200)).text).to.include(`href="${history}"`);
    expect(
      (await lecturer.agent.get(`/activities/${lecturer.activityId}/attendance/report`).expect(200)).text,
    ).to.include(`href="sessions/${sessionId}/students/5/history"`); // relative to the report
    const text = textOf((await lecturer.agent.get(history).expect(200)).text);
    expect(text).to.include("Mark history: Anna Kalniņa");
    expect(text).to.match(/Now L Late · autobuss \(Ilze Ozoliņa, \d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d\)/);
    expect(text).to.match(
      /\d\d:\d\d:\d\d Ilze Ozoliņa no mark L · Late “autobuss” .*01\.10\.2025 09:01:00 Anna Kalniņa Self check-in no mark P · Present/,
    );
    await lecturer.agent.get(`${page}/students/nobody/history`).expect(404);
  });

  it("refuses a student (403) and a lecturer of another course (404)", async () => {
    const student = await launchAs(t, moodle, "learner");
    await student.agent.get(`/activities/${student.activityId}/attendance/sessions/${sessionId}`).expect(403);
    await postForm(student, `/activities/${student.activityId}/attendance/sessions/${sessionId}/marks`, {
      s_4: String(status.A),
      o_4: String(status.P),
    }).expect(403);
    const other = await launchAs(t, moodle, "instructor", otherCourse());
    await other.agent.get(`/activities/${other.activityId}/attendance/sessions/${sessionId}`).expect(404);
    await other.agent
      .get(`/activities/${other.activityId}/attendance/sessions/${sessionId}/students/5/history`)
      .expect(404);
    await student.agent
      .get(`/activities/${student.activityId}/attendance/sessions/${sessionId}/students/5/history`)
      .expect(403);
    await postForm(other, `/activities/${other.activityId}/attendance/sessions/${sessionId}/marks`, {
      s_4: String(status.A),
      o_4: String(status.P),
    }).expect(404);
    expect((await marks()).find((m) => m.userId === "4")?.statusId).to.equal(status.P);
  });
});
