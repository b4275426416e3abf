import { expect } from "chai";
import { eq } from "drizzle-orm";
import { sendGrades } from "../../src/attendance/grades/send-grades.js";
import { activities, attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, postForm, type Launched } from "./launch.js";

describe(`grades reach Moodle's gradebook through ltijs (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  let marks: string;
  let status: Record<string, string>;
  const at = new Date("2025-10-01T12:00:00Z");
  const soon = () => new Date(at.getTime() + 10_000);
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    t.clock.set(at);
    lecturer = await launchAs(t, moodle, "instructor");
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/sessions`, {
      date: "2025-10-01",
      startTime: "09:00",
      endTime: "10:30",
    }).expect(303);
    const [s] = await t.database.db.select().from(attendanceSessions);
    marks = `/activities/${lecturer.activityId}/attendance/sessions/${s!.id}/marks`;
    const rows = await t.database.db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, s!.setId));
    status = Object.fromEntries(rows.map((r) => [r.acronym, String(r.id)]));
  });
  after(async () => {
    t.clock.set(null);
  });

  it("binds the launch's line item to the activity", async () => {
    const [a] = await t.database.db.select().from(activities).where(eq(activities.id, lecturer.activityId));
    expect(a!.lineItemUrl).to.match(/lineitems\/6\/lineitem/);
  });

  it("sends each marked student's grade, scaled to the column, and never the lecturer's", async () => {
    await postForm(lecturer, marks, { s_4: status.P!, o_4: "", s_5: status.L!, o_5: "" }).expect(303);
    const result = await sendGrades(t.database.db, t.lti, soon());
    expect(result).to.include({ sent: 2, failed: 0 });
    expect(moodle.gradeOf("4")).to.include({ rawgrade: 100 });
    expect(moodle.gradeOf("5")).to.include({ rawgrade: 50 });
    expect(moodle.receivedScores.map((s) => s.body.userId)).to.not.include("3");
    const body = moodle.receivedScores[0]!.body;
    expect(body).to.include({ gradingProgress: "FullyGraded", activityProgress: "Completed", scoreMaximum: 100 });
  });

  it("updates a grade after a change, a second later as Moodle requires", async () => {
    await new Promise((r) => setTimeout(r, 1_100));
    await postForm(lecturer, marks, { s_4: status.A!, o_4: status.P! }).expect(303);
    expect(await sendGrades(t.database.db, t.lti, soon())).to.include({ sent: 1 });
    expect(moodle.gradeOf("4")).to.include({ rawgrade: 0 });
  });

  it("reads Moodle's same-second 409 as a conflict and its 400 as rejected", async () => {
    const [a] = await t.database.db.select().from(activities).where(eq(activities.id, lecturer.activityId));
    const ref = { issuer: moodle.issuer, clientId: moodle.clientId };
    while (Date.now() % 1000 > 200) await new Promise((r) => setTimeout(r, 20));
    const first = await t.lti.submitScore(ref, a!.lineItemUrl!, { userId: "6", scoreGiven: 1, scoreMaximum: 2 });
    const second = await t.lti.submitScore(ref, a!.lineItemUrl!, { userId: "6", scoreGiven: 2, scoreMaximum: 2 });
    expect([first, second]).to.deep.equal(["ok", "conflict"]);
    expect(await t.lti.submitScore(ref, a!.lineItemUrl!, { userId: "3", scoreGiven: 2, scoreMaximum: 2 })).to.equal(
      "rejected",
    );
  });
});
