import { expect } from "chai";
import { asc, eq } from "drizzle-orm";
import { attendanceMarks, attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, postForm, type Launched } from "./launch.js";

describe(`register rows that are refused, not cut or overwritten (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  let colleague: Launched;
  let page: string;
  let status: Record<string, number>;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    lecturer = await launchAs(t, moodle, "instructor");
    colleague = await launchAs(t, moodle, "instructor", { sub: "2" }); // the administrator, a second person taking the register
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/sessions`, {
      date: "2025-10-01",
      startTime: "09:00",
      endTime: "10:30",
      description: "Lekcija",
    }).expect(303);
    const [s] = await t.database.db.select().from(attendanceSessions);
    page = `/activities/${lecturer.activityId}/attendance/sessions/${s!.id}`;
    const rows = await t.database.db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, s!.setId));
    status = Object.fromEntries(rows.map((r) => [r.acronym, r.id]));
  });
  beforeEach(() => t.database.db.delete(attendanceMarks));
  const marks = () => t.database.db.select().from(attendanceMarks).orderBy(asc(attendanceMarks.userId));
  const row = (user: string, s: number | "", shown: number | "" = "", remark = "", shownRemark = "") => ({
    [`s_${user}`]: String(s),
    [`o_${user}`]: String(shown),
    [`r_${user}`]: remark,
    [`or_${user}`]: shownRemark,
  });

  it("states the remark limit, refuses a longer remark with a message and keeps the other rows", async () => {
    const before = await lecturer.agent.get(page).expect(200);
    expect(before.text).to.match(/name="r_4" value="" maxlength="500"/);
    expect(textOf(before.text)).to.include("Remark: up to 500 characters.");
    const res = await postForm(lecturer, `${page}/marks`, {
      ...row("4", status.P!, "", "x".repeat(501)),
      ...row("5", status.L!, "", "autobuss"),
    }).expect(303);
    const after = await lecturer.agent.get(res.headers.location as string).expect(200);
    const text = textOf(after.text);
    expect(text).to.include("Some rows were not saved");
    expect(text).to.include("The remark is longer than 500 characters, so it was not saved.");
    expect((await marks()).map((m) => [m.userId, m.statusId, m.remark])).to.deep.equal([["5", status.L, "autobuss"]]);
    const json = await lecturer.agent
      .post(`${page}/marks`)
      .set("Accept", "application/json")
      .type("form")
      .send({ _csrf: lecturer.csrf, ...row("4", status.P!, "", "y".repeat(600)) })
      .expect(200);
    expect(json.body).to.deep.equal({ changed: 0, refused: [{ userId: "4", reason: "too_long" }] });
    expect(await marks()).to.have.length(1);
  });

  it("shows a conflict for a row a colleague changed since the page loaded, instead of overwriting it", async () => {
    // both pages loaded with student 4 unmarked; the colleague saves Absent first
    await postForm(colleague, `${page}/marks`, row("4", status.A!)).expect(303);
    const res = await postForm(lecturer, `${page}/marks`, { ...row("4", status.P!), ...row("6", status.P!) }).expect(
      303,
    );
    const after = await lecturer.agent.get(res.headers.location as string).expect(200);
    expect(textOf(after.text)).to.include("A colleague changed this mark meanwhile, so your change was not saved.");
    expect((await marks()).map((m) => [m.userId, m.statusId, m.markedBy === "2"])).to.deep.equal([
      ["4", status.A, true],
      ["6", status.P, false],
    ]);
    // a page that showed the colleague's mark may change it
    await postForm(lecturer, `${page}/marks`, row("4", status.P!, status.A!)).expect(303);
    expect((await marks()).map((m) => [m.userId, m.statusId])).to.deep.equal([
      ["4", status.P],
      ["6", status.P],
    ]);
  });

  it("shows the register, not an error, when the refused rows in its address are not valid percent-encoding", async () => {
    // %E0 alone decodes to nothing; the other entry still shows
    const res = await lecturer.agent.get(`${page}?saved=0&refused=%25E0.too_long,4.conflict`).expect(200);
    const text = textOf(res.text);
    expect(text).to.include("Some rows were not saved");
    expect(text).to.include("A colleague changed this mark meanwhile, so your change was not saved.");
    expect(text).not.to.include("The remark is longer than 500 characters");
  });
});
