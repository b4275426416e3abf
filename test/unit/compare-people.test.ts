import { expect } from "chai";
import { comparePeople, sortPeople } from "../../src/i18n/compare-people.js";

/** Latvian family names in the order a Latvian expects (Ā with A, Č after C, Ķ after K, Ļ after L, Š after S, Ž after Z). */
export const LATVIAN_ORDER = ["Ābele", "Bērziņa", "Kļaviņš", "Krūmiņa", "Ķēniņa", "Šmits", "Ūdre", "Zariņa", "Žagars"];

describe("the one order of people (comparePeople)", () => {
  const person = (familyName: string, givenName = "Anna", userId = familyName) => ({
    familyName,
    givenName,
    name: `${givenName} ${familyName}`,
    userId,
  });

  it("sorts Latvian family names the Latvian way, not by code point", () => {
    const shuffled = ["Zariņa", "Šmits", "Krūmiņa", "Žagars", "Ūdre", "Ābele", "Ķēniņa", "Kļaviņš", "Bērziņa"];
    expect(sortPeople(shuffled.map((f) => person(f))).map((p) => p.familyName)).to.deep.equal(LATVIAN_ORDER);
    // what a plain sort gives, the defect of the issue: Ābele, Ķēniņa, Šmits and Ūdre after Zariņa
    expect([...shuffled].sort().indexOf("Ābele")).to.be.greaterThan([...shuffled].sort().indexOf("Zariņa"));
  });

  it("orders by family name, then given name, then id", () => {
    const list = [
      person("Ozola", "Zane", "2"),
      person("Ozola", "Ance", "9"),
      person("Čakste", "Ēriks", "5"),
      person("Ozola", "Ance", "10"),
      person("Cīrule", "Ēriks", "6"),
    ];
    expect(sortPeople(list).map((p) => `${p.familyName} ${p.givenName} ${p.userId}`)).to.deep.equal([
      "Cīrule Ēriks 6",
      "Čakste Ēriks 5",
      "Ozola Ance 9",
      "Ozola Ance 10",
      "Ozola Zane 2",
    ]);
  });

  it("sorts someone without a family name by the full name, and ignores upper or lower case first", () => {
    const list = [{ name: "Žanis", userId: "1" }, person("ābele"), { name: "Bite Anna", userId: "3" }];
    expect(sortPeople(list).map((p) => p.name)).to.deep.equal(["Anna ābele", "Bite Anna", "Žanis"]);
    expect(comparePeople(person("Ābele"), person("Ābele"))).to.equal(0);
  });
});
