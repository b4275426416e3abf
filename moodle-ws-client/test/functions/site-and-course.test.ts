import { expect } from "chai";
import {
  getCourseContents,
  getCoursesByField,
  getSiteInfo,
  updateCourses,
  MoodleWarningsError,
} from "../../src/index.js";
import { expectRecordedBody } from "../support/expect-recorded-body.js";
import { startFakeMoodle, type FakeMoodle } from "../support/fake-moodle.js";
import { clientFor } from "../support/test-client.js";

describe("site and course wrappers", () => {
  let fake: FakeMoodle;
  beforeEach(async () => (fake = await startFakeMoodle()));
  afterEach(async () => fake.close());

  it("getSiteInfo returns the user and the service's functions", async () => {
    const info = await getSiteInfo(clientFor(fake));
    expect(info.userid).to.equal(2);
    expect(info.release).to.match(/^4\.4/);
    expect(info.functions.map((f) => f.name)).to.include("mod_attendance_update_user_status");
    expectRecordedBody(fake, "core_webservice_get_site_info");
  });

  it("getCoursesByField finds BK101 by shortname", async () => {
    const { courses, warnings } = await getCoursesByField(clientFor(fake), { field: "shortname", value: "BK101" });
    expect(courses).to.have.length(1);
    expect(courses[0]).to.include({ id: 2, shortname: "BK101", fullname: "Biznesa komunikācija" });
    expect(warnings).to.deep.equal([]);
    expectRecordedBody(fake, "core_course_get_courses_by_field");
  });

  it("getCourseContents lists sections with their forum, attendance and LTI activities", async () => {
    const sections = await getCourseContents(clientFor(fake), { courseid: 2 });
    expect(sections.map((s) => s.section)).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
    const modnames = sections.flatMap((s) => s.modules.map((m) => m.modname));
    expect(modnames).to.deep.equal(["forum", "attendance", "lti"]);
    expectRecordedBody(fake, "core_course_get_contents");
  });

  it("updateCourses returns empty warnings when every course was updated", async () => {
    const client = clientFor(fake);
    const params = fake.fixtures.get("core_course_update_courses")?.params as { courses: { id: number }[] };
    const result = await updateCourses(client, params.courses);
    expect(result.warnings).to.deep.equal([]);
    expectRecordedBody(fake, "core_course_update_courses");
  });

  it("updateCourses returns a duplicate-shortname warning with the data instead of throwing", async () => {
    const result = await updateCourses(clientFor(fake), [{ id: 2, shortname: "DA201" }]);
    expect(result.warnings).to.have.length(1);
    expect(result.warnings[0]).to.include({ warningcode: "shortnametaken", itemid: 2 });
  });

  it("updateCourses in strict mode throws MoodleWarningsError with the warning code", async () => {
    const error = await updateCourses(clientFor(fake), [{ id: 2, shortname: "DA201" }], { strict: true }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(MoodleWarningsError);
    const warningsError = error as MoodleWarningsError;
    expect(warningsError.errorcode).to.equal("shortnametaken");
    expect(warningsError.wsfunction).to.equal("core_course_update_courses");
    expect(warningsError.message).to.contain("Short name is already used");
    expect(warningsError.result).to.deep.equal({ warnings: warningsError.warnings });
  });

  it("a client created with strict: true throws the student's nopermissions warning", async () => {
    const client = clientFor(fake, { token: fake.tokens["janis.berzins"], strict: true });
    const error = await updateCourses(client, [{ id: 2, summary: "<p>Mēģinājums</p>" }]).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MoodleWarningsError);
    expect((error as MoodleWarningsError).errorcode).to.equal("nopermissions");
  });
});
