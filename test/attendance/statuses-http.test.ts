import { expect } from "chai";
import { eq } from "drizzle-orm";
import { attendanceStatuses, attendanceStatusSets } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, otherCourse, postForm, type Launched } from "./launch.js";

describe(`status sets page (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    lecturer = await launchAs(t, moodle, "instructor");
  });

  const statuses = async () => {
    const [set] = await t.database.db
      .select()
      .from(attendanceStatusSets)
      .where(eq(attendanceStatusSets.activityId, lecturer.activityId));
    return t.database.db
      .select()
      .from(attendanceStatuses)
      .where(eq(attendanceStatuses.setId, set!.id))
      .orderBy(attendanceStatuses.position);
  };

  it("makes the default set on first use, labelled in the reader's language", async () => {
    const page = await lecturer.agent.get(`/activities/${lecturer.activityId}/attendance/statuses`).expect(200);
    expect(page.text).to.include('placeholder="Present"');
    expect(page.text).to.include('placeholder="Absent"');
    const rows = await statuses();
    expect(rows.map((s) => [s.acronym, s.points, s.defaultKey])).to.deep.equal([
      ["P", 2, "present"],
      ["L", 1, "late"],
      ["E", 1, "excused"],
      ["A", 0, "absent"],
    ]);
    const lv = await launchAs(t, moodle, "instructor", {}, "lv");
    const lvPage = await lv.agent.get(`/activities/${lv.activityId}/attendance/statuses`).expect(200);
    expect(lvPage.text).to.include('placeholder="Apmeklēts"').and.include('placeholder="Neieradās"');
  });

  it("renames a status, sets self check-in minutes, and keeps one 'unmarked at close' status", async () => {
    const late = (await statuses())[1]!;
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/statuses/${late.id}`, {
      acronym: "K",
      description: "Kavēja",
      points: "1.5",
      checkinUntilMinutes: "30",
      isUnmarkedDefault: "on",
    }).expect(303);
    const rows = await statuses();
    expect(rows[1]).to.include({
      acronym: "K",
      description: "Kavēja",
      points: 1.5,
      checkinUntilMinutes: 30,
      isUnmarkedDefault: true,
    });
    expect(rows.filter((s) => s.isUnmarkedDefault)).to.have.length(1);
  });

  it("re-renders a bad edit with the messages and what was typed", async () => {
    const p = (await statuses())[0]!;
    const res = await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/statuses/${p.id}`, {
      acronym: "TOOLONG",
      points: "-1",
      checkinUntilMinutes: "x",
    }).expect(400);
    const text = textOf(res.text);
    expect(text)
      .to.include("An acronym has 1 to 3 characters.")
      .and.include("The number cannot be negative.")
      .and.include("Enter a number.");
    expect(res.text).to.include('value="TOOLONG"');
    expect((await statuses())[0]!.acronym).to.equal("P");
  });

  it("adds, reorders, hides and deletes an unused status", async () => {
    const set = (await statuses())[0]!.setId;
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/statuses/sets/${set}/add`, {
      acronym: "O",
      description: "Online",
      points: "2",
    }).expect(303);
    let rows = await statuses();
    const online = rows.at(-1)!;
    expect(online.acronym).to.equal("O");
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/statuses/${online.id}/up`, {}).expect(303);
    rows = await statuses();
    expect(rows.map((s) => s.acronym)).to.deep.equal(["P", "K", "E", "O", "A"]);
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/statuses/${online.id}/hide`, {}).expect(
      303,
    );
    expect((await statuses()).find((s) => s.id === online.id)?.isHidden).to.equal(true);
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/statuses/${online.id}/delete`, {}).expect(
      303,
    );
    expect((await statuses()).map((s) => s.acronym)).to.deep.equal(["P", "K", "E", "A"]);
  });

  it("adds a second status set", async () => {
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/sets`, { name: "Prakse" }).expect(303);
    const page = await lecturer.agent.get(`/activities/${lecturer.activityId}/attendance/statuses`).expect(200);
    expect(textOf(page.text)).to.include("Prakse");
  });

  it("refuses a student (403) and a lecturer of another course (404)", async () => {
    const student = await launchAs(t, moodle, "learner");
    const res = await student.agent.get(`/activities/${student.activityId}/attendance/statuses`).expect(403);
    expect(textOf(res.text)).to.include("This page is for lecturers.");
    const p = (await statuses())[0]!;
    await postForm(student, `/activities/${student.activityId}/attendance/statuses/${p.id}/hide`, {}).expect(403);
    const other = await launchAs(t, moodle, "instructor", otherCourse());
    expect(other.activityId).to.not.equal(lecturer.activityId);
    await postForm(other, `/activities/${other.activityId}/attendance/statuses/${p.id}/hide`, {}).expect(404);
    expect((await statuses())[0]!.isHidden).to.equal(false);
  });
});
