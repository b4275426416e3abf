import { expect } from "chai";
import { getCourseGroups, getEnrolledUsers, getGroupMembers, getUsersByField } from "../../src/index.js";
import { expectRecordedBody } from "../support/expect-recorded-body.js";
import { startFakeMoodle, type FakeMoodle } from "../support/fake-moodle.js";
import { clientFor } from "../support/test-client.js";

describe("enrolment, group and user wrappers", () => {
  let fake: FakeMoodle;
  beforeEach(async () => (fake = await startFakeMoodle()));
  afterEach(async () => fake.close());

  it("getEnrolledUsers returns the lecturer and six students with roles and groups", async () => {
    const users = await getEnrolledUsers(clientFor(fake), { courseid: 2 });
    expect(users.map((u) => u.id)).to.deep.equal([3, 4, 5, 6, 7, 8, 9]);
    expect(users[0]?.roles?.[0]?.shortname).to.equal("editingteacher");
    expect(users[1]?.groups?.map((g) => g.name)).to.deep.equal(["BVK-21"]);
    expectRecordedBody(fake, "core_enrol_get_enrolled_users");
  });

  it("getEnrolledUsers accepts the reduced records a student token gets", async () => {
    const client = clientFor(fake, { token: fake.tokens["janis.berzins"] });
    const users = await getEnrolledUsers(client, { courseid: 3 });
    expect(users[0]).to.not.have.property("username");
    expect(users.map((u) => u.fullname)).to.include("Ilze Ozoliņa");
    expectRecordedBody(fake, "core_enrol_get_enrolled_users-as-student", fake.tokens["janis.berzins"]);
  });

  it("getCourseGroups returns BVK-21 and BVK-22", async () => {
    const groups = await getCourseGroups(clientFor(fake), 2);
    expect(groups.map((g) => [g.id, g.name])).to.deep.equal([
      [1, "BVK-21"],
      [2, "BVK-22"],
    ]);
    expectRecordedBody(fake, "core_group_get_course_groups");
  });

  it("getGroupMembers returns the member ids of each group", async () => {
    const members = await getGroupMembers(clientFor(fake), [1, 2]);
    expect(members).to.deep.equal([
      { groupid: 1, userids: [4, 5, 3, 6] },
      { groupid: 2, userids: [8, 9, 7, 3] },
    ]);
    expectRecordedBody(fake, "core_group_get_group_members");
  });

  it("getUsersByField looks up three students by id", async () => {
    const users = await getUsersByField(clientFor(fake), { field: "id", values: [4, 5, 6] });
    expect(users.map((u) => u.username)).to.deep.equal(["janis.berzins", "anna.kalnina", "martins.ozols"]);
    expect(users[0]?.timezone).to.equal("Europe/Riga");
    expectRecordedBody(fake, "core_user_get_users_by_field");
  });
});
