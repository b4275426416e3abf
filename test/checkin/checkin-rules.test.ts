import { expect } from "chai";
import { checkinWindowState } from "../../src/checkin/rules/checkin-window.js";
import { isIpAllowed, parseIpRanges } from "../../src/checkin/ip-ranges.js";

const start = new Date("2026-11-23T07:00:00Z");
const end = new Date("2026-11-23T10:00:00Z");
const min = (m: number) => new Date(start.getTime() + m * 60_000);

describe("check-in window and status rules", () => {
  const w = {
    startsAt: start,
    endsAt: end,
    opensMinutesBefore: 10,
    closesMinutesAfterStart: null,
    closedEarlyAt: null,
  };

  it("opens N minutes before the start and closes at the end", () => {
    expect(checkinWindowState(w, min(-11))).to.equal("not_yet_open");
    expect(checkinWindowState(w, min(-10))).to.equal("open");
    expect(checkinWindowState(w, min(179))).to.equal("open");
    expect(checkinWindowState(w, min(180))).to.equal("closed");
  });

  it("closes N minutes after the start when set, or when the lecturer closes it early", () => {
    expect(checkinWindowState({ ...w, closesMinutesAfterStart: 30 }, min(29))).to.equal("open");
    expect(checkinWindowState({ ...w, closesMinutesAfterStart: 30 }, min(30))).to.equal("closed");
    expect(checkinWindowState({ ...w, closedEarlyAt: min(5) }, min(6))).to.equal("closed");
  });

  it("checks allowed IP ranges, IPv4 and IPv6, and explains a bad entry", () => {
    const ranges = parseIpRanges("10.1.0.0/16, 2001:db8::/32; 192.168.1.5");
    expect(isIpAllowed(ranges, "10.1.200.3")).to.equal(true);
    expect(isIpAllowed(ranges, "::ffff:10.1.2.3")).to.equal(true);
    expect(isIpAllowed(ranges, "10.2.0.1")).to.equal(false);
    expect(isIpAllowed(ranges, "2001:db8::1")).to.equal(true);
    expect(isIpAllowed(ranges, "192.168.1.5")).to.equal(true);
    expect(isIpAllowed(null, "8.8.8.8")).to.equal(true);
    expect(() => parseIpRanges("10.0.0.0/40")).to.throw("bad prefix");
    expect(() => parseIpRanges("campus")).to.throw("not an IP address: campus");
  });
});
