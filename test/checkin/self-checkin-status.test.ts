import { expect } from "chai";
import { selfCheckinStatus } from "../../src/checkin/rules/self-checkin-status.js";

describe("self check-in status (pure)", () => {
  const start = new Date("2025-10-01T06:00:00Z");
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const statuses = [
    { id: 1, isHidden: false, checkinUntilMinutes: 15 },
    { id: 2, isHidden: false, checkinUntilMinutes: 90 },
    { id: 3, isHidden: false, checkinUntilMinutes: null },
  ];
  it("gives Present until +15 minutes, Late after that until +90, then nothing", () => {
    expect(
      [at(-10), at(0), at(15), at(15.01), at(90), at(91)].map((t) => selfCheckinStatus(statuses, start, t)),
    ).to.deep.equal([1, 1, 1, 2, 2, null]);
  });
  it("never gives a hidden status", () => {
    expect(selfCheckinStatus([{ ...statuses[0]!, isHidden: true }, statuses[1]!], start, at(5))).to.equal(2);
  });
});
