import { expect } from "chai";
import {
  attendanceGrade,
  attendanceTotals,
  chosenPercent,
  type SessionScore,
} from "../../src/attendance/rules/percentages.js";

const now = new Date("2025-10-10T12:00:00Z");
const s = (day: number, points: number | null, statusId: number | null = points === null ? null : 1): SessionScore => ({
  startsAt: new Date(`2025-10-${String(day).padStart(2, "0")}T06:00:00Z`),
  maxPoints: 2,
  points,
  statusId,
});

describe("attendance percentages and grades (pure)", () => {
  const sessions = [s(1, 2, 1), s(2, 1, 2), s(3, null), s(6, 0, 4), s(20, null)];

  it("counts points over taken sessions and over every session held so far", () => {
    const t = attendanceTotals(sessions, now);
    expect(t).to.include({
      taken: 3,
      held: 4,
      total: 5,
      points: 3,
      maxPointsTaken: 6,
      maxPointsHeld: 8,
      percentTaken: 50,
      percentAll: 37.5,
    });
    expect(t.counts).to.deep.equal({ 1: 1, 2: 1, 4: 1 });
  });

  it("lets the setting choose which percentage counts", () => {
    const t = attendanceTotals(sessions, now);
    expect(chosenPercent(t, "taken")).to.equal(50);
    expect(chosenPercent(t, "all")).to.equal(37.5);
  });

  it("has no percentage before anything is held or taken", () => {
    const t = attendanceTotals([s(20, null)], now);
    expect(t.percentTaken).to.equal(null);
    expect(t.percentAll).to.equal(null);
    expect(attendanceGrade(t, "taken", 100)).to.equal(null);
  });

  it("counts a future session that is already marked as held", () => {
    const t = attendanceTotals([s(20, 2)], now);
    expect(t).to.include({ held: 1, taken: 1, percentAll: 100 });
  });

  it("scales the grade to the gradebook column's maximum", () => {
    const t = attendanceTotals(sessions, now);
    expect(attendanceGrade(t, "taken", 10)).to.equal(5);
    expect(attendanceGrade(t, "all", 10)).to.equal(3.75);
    expect(attendanceGrade(attendanceTotals([s(1, 1), s(2, 2), s(3, 2)], now), "taken", 100)).to.equal(83.33);
  });
});
