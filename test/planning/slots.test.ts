import { expect } from "chai";
import {
  DEFAULT_SLOTS,
  intervalOf,
  isSunday,
  localParts,
  slotContaining,
  slotInterval,
  validSlots,
} from "../../src/planning/slots.js";

const riga = "Europe/Riga";
const iso = (v: ReturnType<typeof slotInterval>) =>
  "problem" in v ? v.problem : [v.startsAt.toISOString(), v.endsAt.toISOString()];

describe("study-day slots in Europe/Riga", () => {
  it("puts slot 1 at 9:00–12:00 and slot 2 at 12:45–15:45 local time in winter (UTC+2)", () => {
    expect(iso(slotInterval("2026-01-17", 1, DEFAULT_SLOTS, riga))).to.deep.equal([
      "2026-01-17T07:00:00.000Z",
      "2026-01-17T10:00:00.000Z",
    ]);
    expect(iso(slotInterval("2026-01-17", 2, DEFAULT_SLOTS, riga))).to.deep.equal([
      "2026-01-17T10:45:00.000Z",
      "2026-01-17T13:45:00.000Z",
    ]);
  });

  it("moves the UTC instants by an hour across the last Sunday of March (29 March 2026)", () => {
    expect(iso(slotInterval("2026-03-28", 1, DEFAULT_SLOTS, riga))).to.deep.equal([
      "2026-03-28T07:00:00.000Z",
      "2026-03-28T10:00:00.000Z",
    ]);
    expect(iso(slotInterval("2026-03-29", 1, DEFAULT_SLOTS, riga))).to.deep.equal([
      "2026-03-29T06:00:00.000Z",
      "2026-03-29T09:00:00.000Z",
    ]);
    expect(iso(slotInterval("2026-03-30", 2, DEFAULT_SLOTS, riga))).to.deep.equal([
      "2026-03-30T09:45:00.000Z",
      "2026-03-30T12:45:00.000Z",
    ]);
  });

  it("moves them back across the last Sunday of October (25 October 2026)", () => {
    expect(iso(slotInterval("2026-10-24", 1, DEFAULT_SLOTS, riga))).to.deep.equal([
      "2026-10-24T06:00:00.000Z",
      "2026-10-24T09:00:00.000Z",
    ]);
    expect(iso(slotInterval("2026-10-25", 1, DEFAULT_SLOTS, riga))).to.deep.equal([
      "2026-10-25T07:00:00.000Z",
      "2026-10-25T10:00:00.000Z",
    ]);
  });

  it("keeps the length of a class that spans the change in local hours (real elapsed time differs)", () => {
    const spring = intervalOf("2026-03-29", "02:00", "05:00", riga);
    const autumn = intervalOf("2026-10-25", "02:00", "05:00", riga);
    if ("problem" in spring || "problem" in autumn) throw new Error("expected intervals");
    expect((spring.endsAt.getTime() - spring.startsAt.getTime()) / 3_600_000).to.equal(2);
    expect((autumn.endsAt.getTime() - autumn.startsAt.getTime()) / 3_600_000).to.equal(4);
  });

  it("refuses a local time that does not exist (inside the spring-forward gap)", () => {
    expect(iso(intervalOf("2026-03-29", "03:30", "05:00", riga))).to.equal("no_such_local_time");
  });

  it("says what is wrong with a bad date, time, order or slot", () => {
    expect(iso(intervalOf("2026-02-30", "09:00", "12:00", riga))).to.equal("bad_date");
    expect(iso(intervalOf("2026-02-10", "9", "12:00", riga))).to.equal("bad_time");
    expect(iso(intervalOf("2026-02-10", "12:00", "09:00", riga))).to.equal("end_before_start");
    expect(iso(slotInterval("2026-02-10", 3, DEFAULT_SLOTS, riga))).to.equal("unknown_slot");
  });

  it("uses an institution's own slots", () => {
    const own = [{ no: 1, start: "08:30", end: "10:00" }];
    expect(iso(slotInterval("2026-02-10", 1, own, riga))).to.deep.equal([
      "2026-02-10T06:30:00.000Z",
      "2026-02-10T08:00:00.000Z",
    ]);
  });

  it("finds the slot a class sits in, or none when it is outside every slot", () => {
    expect(slotContaining("09:00", "12:00", DEFAULT_SLOTS)?.no).to.equal(1);
    expect(slotContaining("13:00", "15:00", DEFAULT_SLOTS)?.no).to.equal(2);
    expect(slotContaining("11:00", "13:00", DEFAULT_SLOTS)).to.equal(null);
  });

  it("knows Sundays and local parts of an instant", () => {
    expect(isSunday("2026-10-25", riga)).to.equal(true);
    expect(isSunday("2026-10-24", riga)).to.equal(false);
    expect(localParts(new Date("2026-10-25T07:00:00Z"), riga)).to.deep.equal({
      date: "2026-10-25",
      time: "09:00",
      weekday: 7,
    });
  });

  it("accepts only well-formed, non-overlapping slot lists", () => {
    expect(validSlots(DEFAULT_SLOTS)).to.equal(true);
    expect(validSlots([])).to.equal(false);
    expect(
      validSlots([
        { no: 1, start: "09:00", end: "12:00" },
        { no: 2, start: "11:00", end: "13:00" },
      ]),
    ).to.equal(false);
    expect(validSlots([{ no: 1, start: "9:00", end: "12:00" }])).to.equal(false);
  });
});
