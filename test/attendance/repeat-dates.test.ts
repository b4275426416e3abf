import { expect } from "chai";
import { DateTime } from "luxon";
import { repeatDates, type RepeatRule } from "../../src/attendance/rules/repeat-dates.js";

const riga = "Europe/Riga";
const rule = (r: Partial<RepeatRule>): RepeatRule => ({
  from: "2025-03-17",
  until: "2025-04-07",
  weekdays: [1],
  everyWeeks: 1,
  startTime: "09:00",
  endTime: "10:30",
  zone: riga,
  ...r,
});
const local = (d: Date) => DateTime.fromJSDate(d, { zone: riga }).toFormat("yyyy-MM-dd HH:mm");

describe("repeat dates (pure)", () => {
  it("keeps a Monday 9:00 class at 9:00 local across the spring change (30 March 2025)", () => {
    const slots = repeatDates(rule({}));
    expect(slots.map((s) => local(s.startsAt))).to.deep.equal([
      "2025-03-17 09:00",
      "2025-03-24 09:00",
      "2025-03-31 09:00",
      "2025-04-07 09:00",
    ]);
    expect(slots.map((s) => s.startsAt.toISOString())).to.deep.equal([
      "2025-03-17T07:00:00.000Z",
      "2025-03-24T07:00:00.000Z",
      "2025-03-31T06:00:00.000Z",
      "2025-04-07T06:00:00.000Z",
    ]);
    expect(slots.map((s) => local(s.endsAt).slice(11))).to.deep.equal(["10:30", "10:30", "10:30", "10:30"]);
  });

  it("keeps a Monday 9:00 class at 9:00 local across the autumn change (26 October 2025)", () => {
    const slots = repeatDates(rule({ from: "2025-10-13", until: "2025-11-03" }));
    expect(slots.map((s) => local(s.startsAt))).to.deep.equal([
      "2025-10-13 09:00",
      "2025-10-20 09:00",
      "2025-10-27 09:00",
      "2025-11-03 09:00",
    ]);
    expect(slots[1]?.startsAt.toISOString()).to.equal("2025-10-20T06:00:00.000Z");
    expect(slots[2]?.startsAt.toISOString()).to.equal("2025-10-27T07:00:00.000Z");
  });

  it("makes each day of a daily rule exactly once through both change days", () => {
    for (const [from, until] of [
      ["2025-03-28", "2025-04-01"],
      ["2025-10-24", "2025-10-28"],
    ] as const) {
      const slots = repeatDates(
        rule({ from, until, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "03:30", endTime: "04:15" }),
      );
      const dates = slots.map((s) => local(s.startsAt).slice(0, 10));
      expect(dates).to.have.length(5);
      expect(new Set(dates).size).to.equal(5);
    }
  });

  it("moves a start that falls into the skipped spring hour forward, as clocks do", () => {
    const [slot] = repeatDates(
      rule({ from: "2025-03-30", until: "2025-03-30", weekdays: [7], startTime: "03:30", endTime: "05:00" }),
    );
    expect(local(slot!.startsAt)).to.equal("2025-03-30 04:30");
    expect(local(slot!.endsAt)).to.equal("2025-03-30 05:00");
  });

  it("honours chosen weekdays and every N weeks counted from the first week", () => {
    const slots = repeatDates(rule({ from: "2025-09-03", until: "2025-09-30", weekdays: [2, 4], everyWeeks: 2 }));
    expect(slots.map((s) => local(s.startsAt).slice(0, 10))).to.deep.equal([
      "2025-09-04",
      "2025-09-16",
      "2025-09-18",
      "2025-09-30",
    ]);
  });

  it("yields nothing for an until before the start or a weekday that never comes", () => {
    expect(repeatDates(rule({ from: "2025-05-10", until: "2025-05-01" }))).to.deep.equal([]);
    expect(repeatDates(rule({ from: "2025-05-06", until: "2025-05-08", weekdays: [1] }))).to.deep.equal([]);
  });
});
