import { expect } from "chai";
import { rosterOrder } from "../../src/activities/present.js";
import type { MemberRow } from "../../src/activities/queries.js";

const m = (familyName: string, givenName: string, extra: Partial<MemberRow> = {}) =>
  ({
    courseId: 1,
    userId: familyName,
    name: `${givenName} ${familyName}`,
    givenName,
    familyName,
    email: null,
    username: null,
    roles: [],
    isLearner: true,
    isEnrolled: true,
    leftAt: null,
    updatedAt: new Date(),
    ...extra,
  }) as MemberRow;

describe("roster order", () => {
  it("sorts Latvian names the Latvian way: Ābele with A, Ķēniņa after Kalniņa, Šmits after Strazds", () => {
    const names = [
      m("Zariņa", "Ieva"),
      m("Šmits", "Roberts"),
      m("Ābele", "Katrīna"),
      m("Strazds", "Oskars"),
      m("Ūdre", "Madara"),
      m("Balode", "Evija"),
      m("Ķēniņa", "Sanita"),
      m("Kalniņa", "Anna"),
    ];
    expect(names.sort(rosterOrder).map((x) => x.familyName)).to.deep.equal([
      "Ābele",
      "Balode",
      "Kalniņa",
      "Ķēniņa",
      "Strazds",
      "Šmits",
      "Ūdre",
      "Zariņa",
    ]);
  });

  it("lists enrolled people first and lecturers before students", () => {
    const list = [
      m("Bērziņš", "Jānis", { isEnrolled: false }),
      m("Ozoliņa", "Ilze", { isLearner: false }),
      m("Apinis", "Aija"),
    ];
    expect(list.sort(rosterOrder).map((x) => x.familyName)).to.deep.equal(["Ozoliņa", "Apinis", "Bērziņš"]);
  });
});
