import { expect } from "chai";
import { buildRestBody, serializeParams, type MoodleParams } from "../../src/index.js";
import { loadFixtures } from "../support/load-fixtures.js";
import { parsePhpForm } from "../support/parse-php-form.js";

describe("serializeParams / buildRestBody", () => {
  const recorded = [...loadFixtures().values()].filter((f) => f.requestBody !== undefined);

  it("finds the recorded request bodies", () => {
    expect(recorded.length).to.be.greaterThan(40);
  });

  for (const fixture of recorded) {
    it(`reproduces the recorded body of ${fixture.name}`, () => {
      const body = buildRestBody("TOKEN", fixture.function, fixture.params as MoodleParams);
      expect(body).to.equal(fixture.requestBody);
    });
  }

  it("writes nested lists and structures in PHP bracket syntax", () => {
    const flat = serializeParams({ events: [{ name: "a b", groupids: [1, 2] }], options: { userevents: true } });
    expect(flat).to.deep.equal([
      ["events[0][name]", "a b"],
      ["events[0][groupids][0]", "1"],
      ["events[0][groupids][1]", "2"],
      ["options[userevents]", "1"],
    ]);
  });

  it("sends booleans as 1 and 0 and leaves out undefined and null", () => {
    expect(serializeParams({ a: true, b: false, c: undefined, d: null, e: 0 })).to.deep.equal([
      ["a", "1"],
      ["b", "0"],
      ["e", "0"],
    ]);
  });

  it("refuses numbers Moodle cannot read", () => {
    expect(() => serializeParams({ timestart: Number.NaN })).to.throw(TypeError, /timestart/);
  });

  it("round-trips through the PHP form parser the fake uses", () => {
    const params = { events: [{ eventid: 8, repeat: 1 }], courseids: [2, 3] };
    expect(parsePhpForm(serializeParams(params))).to.deep.equal({
      events: [{ eventid: "8", repeat: "1" }],
      courseids: ["2", "3"],
    });
  });
});
