import { expect } from "chai";
import { actorFlags, localeFrom } from "../../src/lti/actor.js";
import { roleKinds } from "../../src/lti/roles.js";

const M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

describe("roles and locale of a launch", () => {
  it("treats Instructor, TeachingAssistant and ContentDeveloper as lecturers", () => {
    for (const role of [
      `${M}Instructor`,
      `${M}Instructor#TeachingAssistant`,
      `${M}ContentDeveloper`,
      "TeachingAssistant",
    ]) {
      expect(actorFlags([role]).isLecturer, role).to.equal(true);
    }
  });

  it("treats Learner as a student and never as a lecturer", () => {
    expect(actorFlags([`${M}Learner`])).to.deep.equal({ isLecturer: false, isStudent: true, isAdmin: false });
  });

  it("treats an institution or system Administrator as admin", () => {
    expect(actorFlags(["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"]).isAdmin).to.equal(
      true,
    );
    expect(actorFlags(["http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator"]).isAdmin).to.equal(true);
  });

  it("ignores roles it does not know", () => {
    expect([...roleKinds(["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor", "Guest"])]).to.deep.equal([]);
  });

  it("takes the locale from the launch, Latvian by default", () => {
    expect(localeFrom("en")).to.equal("en");
    expect(localeFrom("en_us")).to.equal("en");
    expect(localeFrom("lv")).to.equal("lv");
    expect(localeFrom(undefined)).to.equal("lv");
    expect(localeFrom("de")).to.equal("lv");
  });
});
