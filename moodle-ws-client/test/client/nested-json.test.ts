import { expect } from "chai";
import { decodeNestedJson } from "../../src/index.js";
import { startFakeMoodle, type FakeMoodle } from "../support/fake-moodle.js";
import { clientFor } from "../support/test-client.js";

describe("JSON inside JSON and null results", () => {
  let fake: FakeMoodle;
  beforeEach(async () => (fake = await startFakeMoodle()));
  afterEach(async () => fake.close());

  it("decodes core_courseformat_update_course's JSON string into state updates", async () => {
    const result = await clientFor(fake).call("core_courseformat_update_course", {
      action: "section_hide",
      courseid: 2,
      ids: [7],
    });
    expect(result).to.be.an("array");
    expect((result as { name: string; fields: { visible: boolean } }[])[0]).to.deep.include({
      name: "section",
      action: "put",
    });
  });

  it("decodes core_course_edit_section hide into an object", async () => {
    const result = await clientFor(fake).call("core_course_edit_section", { action: "hide", id: 6, sectionreturn: 0 });
    expect(result).to.have.property("modules");
  });

  it("returns null for core_course_edit_section setmarker", async () => {
    expect(await clientFor(fake).call("core_course_edit_section", { action: "setmarker", id: 3 })).to.equal(null);
  });

  it("leaves core_course_edit_module's HTML string as it is", async () => {
    const result = await clientFor(fake).call("core_course_edit_module", { action: "hide", id: 2 });
    expect(result).to.be.a("string");
    expect(result as string).to.match(/^<li/);
  });

  it("does not decode strings of other functions", () => {
    expect(decodeNestedJson("core_update_inplace_editable", '{"a":1}')).to.equal('{"a":1}');
    expect(decodeNestedJson("core_course_edit_section", '{"a":1}')).to.deep.equal({ a: 1 });
  });
});
