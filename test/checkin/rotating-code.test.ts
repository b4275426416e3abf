import { expect } from "chai";
import {
  isRotatingCodeValid,
  newCheckinSecret,
  rotatingCode,
  secondsLeftInStep,
} from "../../src/checkin/rotating-code.js";

describe("rotating check-in codes (server clock, step 10 s)", () => {
  const secret = newCheckinSecret();
  const step = 10;
  const t0 = new Date(Date.UTC(2026, 10, 23, 9, 0, 0)); // 09:00:00 UTC, a step boundary
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  it("accepts a code at +0 and at +9 s of its own step", async () => {
    const code = await rotatingCode(secret, t0, step);
    expect(await isRotatingCodeValid(secret, code, at(0), step)).to.equal(true);
    expect(await isRotatingCodeValid(secret, code, at(9), step)).to.equal(true);
  });

  it("accepts it one step late", async () => {
    const code = await rotatingCode(secret, t0, step);
    expect(await isRotatingCodeValid(secret, code, at(10), step)).to.equal(true);
    expect(await isRotatingCodeValid(secret, code, at(19), step)).to.equal(true);
  });

  it("refuses it two steps late", async () => {
    const code = await rotatingCode(secret, t0, step);
    expect(await isRotatingCodeValid(secret, code, at(20), step)).to.equal(false);
  });

  it("refuses a code before its step begins", async () => {
    const later = await rotatingCode(secret, at(10), step);
    expect(await isRotatingCodeValid(secret, later, at(9), step)).to.equal(false);
  });

  it("shows the same code on every projector in the same step, and another in the next", async () => {
    expect(await rotatingCode(secret, at(1), step)).to.equal(await rotatingCode(secret, at(8), step));
    expect(await rotatingCode(secret, at(1), step)).to.not.equal(await rotatingCode(secret, at(11), step));
  });

  it("refuses another session's code and anything that is not six digits", async () => {
    const other = newCheckinSecret();
    const code = await rotatingCode(other, t0, step);
    expect(await isRotatingCodeValid(secret, code, t0, step)).to.equal(false);
    expect(await isRotatingCodeValid(secret, "12345", t0, step)).to.equal(false);
    expect(await isRotatingCodeValid(secret, "abcdef", t0, step)).to.equal(false);
  });

  it("counts down to the next code", () => {
    expect(secondsLeftInStep(at(0), step)).to.equal(10);
    expect(secondsLeftInStep(at(7), step)).to.equal(3);
  });
});
