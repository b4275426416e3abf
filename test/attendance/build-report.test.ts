import { expect } from "chai";
import {
  buildReport,
  trendOf,
  type ReportInput,
  type ReportStudent,
} from "../../src/attendance/report/build-report.js";
import { buildSummary } from "../../src/attendance/report/build-summary.js";

const student = (userId: string, name: string, extra: Partial<ReportStudent> = {}): ReportStudent => ({
  userId,
  name,
  isEnrolled: true,
  leftAt: null,
  groupIds: [],
  ...extra,
});
const day = (d: number) => new Date(`2025-10-0${d}T06:00:00Z`);

const input = (): ReportInput => ({
  sessions: [
    { id: 1, startsAt: day(1), setId: 1, groupIds: [] },
    { id: 2, startsAt: day(2), setId: 1, groupIds: [7] },
    { id: 3, startsAt: day(3), setId: 1, groupIds: [] },
    { id: 4, startsAt: day(9), setId: 1, groupIds: [] },
  ],
  students: [
    student("4", "Bērziņš", { groupIds: [7] }),
    student("5", "Āboliņa"),
    student("6", "Ozols", { isEnrolled: false, leftAt: new Date("2025-10-02T12:00:00Z") }),
  ],
  statuses: [
    { id: 11, setId: 1, acronym: "P", points: 2 },
    { id: 12, setId: 1, acronym: "L", points: 1 },
    { id: 14, setId: 1, acronym: "A", points: 0 },
  ],
  marks: [
    { sessionId: 1, userId: "4", statusId: 11 },
    { sessionId: 2, userId: "4", statusId: 12 },
    { sessionId: 1, userId: "5", statusId: 14 },
    { sessionId: 3, userId: "5", statusId: 11 },
    { sessionId: 1, userId: "6", statusId: 11 },
  ],
  basis: "taken",
  now: new Date("2025-10-05T00:00:00Z"),
});

describe("attendance report (pure)", () => {
  it("shows acronyms, leaves unexpected cells out, and counts by the chosen basis", () => {
    const rows = buildReport(input());
    expect(rows.map((r) => r.student.userId)).to.deep.equal(["5", "4", "6"]);
    const jb = rows.find((r) => r.student.userId === "4")!;
    expect(jb.cells.map((c) => (c.expected ? c.acronym || "-" : "x"))).to.deep.equal(["P", "L", "-", "-"]);
    expect(jb.totals).to.include({ taken: 2, held: 3, points: 3, percentTaken: 75, percentAll: 50 });
    const ab = rows.find((r) => r.student.userId === "5")!;
    expect(ab.cells[1]!.expected).to.equal(false);
    expect(ab.totals).to.include({ held: 2, percentTaken: 50, percentAll: 50 });
    const left = rows.find((r) => r.student.userId === "6")!;
    expect(left.cells.map((c) => c.expected)).to.deep.equal([true, false, false, false]);
    expect(left.percent).to.equal(100);
  });

  it("uses 'all sessions' when the activity says so", () => {
    const rows = buildReport({ ...input(), basis: "all" });
    expect(rows.find((r) => r.student.userId === "4")!.percent).to.equal(50);
  });

  it("filters by group and by 'below X %', and sorts by percentage", () => {
    expect(buildReport(input(), { groupId: 7 }).map((r) => r.student.userId)).to.deep.equal(["4"]);
    expect(buildReport(input(), { belowPercent: 80 }).map((r) => r.student.userId)).to.deep.equal(["5", "4"]);
    expect(buildReport(input(), { sort: "percent" }).map((r) => r.percent)).to.deep.equal([50, 75, 100]);
    expect(buildReport(input(), { sort: "percent", descending: true }).map((r) => r.percent)).to.deep.equal([
      100, 75, 50,
    ]);
  });

  it("shows a trend when the last sessions differ from the whole", () => {
    const s = (d: number, points: number | null) => ({
      startsAt: new Date(`2025-09-${String(d).padStart(2, "0")}T06:00:00Z`),
      maxPoints: 2,
      points,
      statusId: points === null ? null : 1,
    });
    const now = new Date("2025-10-01T00:00:00Z");
    const falling = [s(1, 2), s(2, 2), s(3, 2), s(4, 2), s(5, 0), s(6, 0), s(7, 0), s(8, 2)];
    expect(trendOf(falling, "taken", now, 75)).to.equal("down");
    expect(trendOf([s(1, 0), s(2, 0), s(3, 2), s(4, 2), s(5, 2), s(6, 2)], "taken", now, 66.7)).to.equal("up");
    expect(trendOf([s(1, 2), s(2, 2), s(3, 2), s(4, 2), s(5, 2)], "taken", now, 100)).to.equal("steady");
    expect(trendOf([s(1, 2), s(2, 2)], "taken", now, 100)).to.equal(null);
  });

  it("summarises each held session (expected, counts, unmarked, %) and each student's percentage after each session", () => {
    const i = input();
    const { sessions, students } = buildSummary(i, buildReport(i));
    expect(sessions.map((s) => [s.sessionId, s.expected, s.counts, s.unmarked, s.percent])).to.deep.equal([
      [1, 3, { 11: 2, 14: 1 }, 0, 66.7],
      [2, 1, { 12: 1 }, 0, 50],
      [3, 2, { 11: 1 }, 1, 100],
    ]);
    expect(students.map((s) => [s.row.student.userId, s.series])).to.deep.equal([
      ["5", [0, 50]],
      ["4", [100, 75, 75]],
      ["6", [100]],
    ]);
  });
});
