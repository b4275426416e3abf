import { expect } from "chai";
import { buildReport, type ReportInput } from "../../src/attendance/report/build-report.js";
import { presentReport } from "../../src/attendance/report/present.js";

describe("presentReport", () => {
  const at = (d: string) => new Date(`${d}T07:00:00Z`);
  const input: ReportInput = {
    sessions: [
      { id: 11, startsAt: at("2026-10-01"), setId: 1, groupIds: [] },
      { id: 12, startsAt: at("2026-10-08"), setId: 1, groupIds: [7] },
      { id: 13, startsAt: at("2026-10-15"), setId: 1, groupIds: [] },
    ],
    students: [{ userId: 'a&b"<1>', name: "Anna", isEnrolled: true, leftAt: null, groupIds: [] }],
    statuses: [
      { id: 1, setId: 1, acronym: "<P>", points: 2 },
      { id: 2, setId: 1, acronym: "L", points: 1 },
    ],
    marks: [{ sessionId: 11, userId: 'a&b"<1>', statusId: 1 }],
    basis: "taken",
    now: at("2026-11-01"),
  };

  it("writes each row's cells as escaped HTML: a history link per expected session, a dot when unmarked, grey when not expected", () => {
    const view = presentReport(input, buildReport(input), "Europe/Riga", "lv");
    const key = encodeURIComponent('a&b"<1>');
    expect(view.rows[0]!.cellsHtml).to.equal(
      `<td><a href="sessions/11/students/${key}/history">&lt;P&gt;</a></td>` +
        '<td class="bg-body-tertiary"></td>' +
        `<td><a href="sessions/13/students/${key}/history">·</a></td>`,
    );
  });
});
