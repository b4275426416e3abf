import { expect } from "chai";
import { isForAudience, type GroupAudience } from "../../src/planning/class-audience.js";

describe("which classes a student sees by their groups", () => {
  const audience: GroupAudience = { courseGroups: new Set(["bvk-21", "bvk-22"]), mine: new Set(["bvk-21"]) };

  it("shows a class of the student's own group, whatever the case and spacing in the schedule", () => {
    expect(isForAudience("BVK-21", audience)).to.equal(true);
    expect(isForAudience(" bvk-22 ,  Bvk-21 ", audience)).to.equal(true);
  });

  it("hides a class only of another group the course knows", () => {
    expect(isForAudience("BVK-22", audience)).to.equal(false);
  });

  it("shows a class without groups, and one whose groups the course does not know", () => {
    expect(isForAudience("", audience)).to.equal(true);
    expect(isForAudience("EK-2", audience)).to.equal(true);
    expect(isForAudience("EK-2, BVK-22", audience)).to.equal(false);
  });

  it("shows everything when nothing is known (a lecturer, a course without groups)", () => {
    expect(isForAudience("BVK-22", null)).to.equal(true);
  });

  it("hides the group classes from a student in no group of the course", () => {
    expect(isForAudience("BVK-21", { ...audience, mine: new Set() })).to.equal(false);
  });
});
