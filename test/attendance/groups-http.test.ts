import { expect } from "chai";
import { eq } from "drizzle-orm";
import { courseGroupMembers, courseGroups } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, otherCourse, postForm, type Launched } from "./launch.js";

describe(`course groups (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    lecturer = await launchAs(t, moodle, "instructor");
  });

  it("creates a tool group, sets its members from the roster, and deletes it", async () => {
    const base = `/activities/${lecturer.activityId}/groups`;
    await postForm(lecturer, base, { name: "1. grupa" }).expect(303);
    const [group] = await t.database.db.select().from(courseGroups);
    expect(group).to.include({ name: "1. grupa", source: "tool", moodleGroupId: null });
    await postForm(lecturer, `${base}/${group!.id}/members`, { userIds: ["4", "5", "not-a-member"] }).expect(303);
    const members = await t.database.db
      .select()
      .from(courseGroupMembers)
      .where(eq(courseGroupMembers.groupId, group!.id));
    expect(members.map((m) => m.userId).sort()).to.deep.equal(["4", "5"]);
    const page = await lecturer.agent.get(base).expect(200);
    expect(textOf(page.text)).to.include("1. grupa 2 students");
    await postForm(lecturer, `${base}/${group!.id}/delete`, {}).expect(303);
    expect(await t.database.db.select().from(courseGroups)).to.have.length(0);
  });

  it("re-renders an empty name with the message", async () => {
    const res = await postForm(lecturer, `/activities/${lecturer.activityId}/groups`, { name: "  " }).expect(400);
    expect(textOf(res.text)).to.include("Fill in this field.");
  });

  it("refuses a student (403) and a lecturer of another course (404)", async () => {
    await postForm(lecturer, `/activities/${lecturer.activityId}/groups`, { name: "B" }).expect(303);
    const [group] = await t.database.db.select().from(courseGroups);
    const student = await launchAs(t, moodle, "learner");
    await student.agent.get(`/activities/${student.activityId}/groups`).expect(403);
    await postForm(student, `/activities/${student.activityId}/groups/${group!.id}/delete`, {}).expect(403);
    const other = await launchAs(t, moodle, "instructor", otherCourse());
    await postForm(other, `/activities/${other.activityId}/groups/${group!.id}/members`, { userIds: "4" }).expect(404);
    expect(await t.database.db.select().from(courseGroups)).to.have.length(1);
  });
});
