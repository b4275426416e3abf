import { expect } from "chai";
import { planMarksImport, type MarksImportContext } from "../../src/attendance/import/plan-marks-import.js";
import { readCsv } from "../../src/spreadsheets/read-csv.js";

const context: MarksImportContext = {
  headers: { userId: ["moodle user id"], date: ["date"], start: ["start"], status: ["status"], remark: ["remark"] },
  studentIds: new Set(["4", "5"]),
  sessions: new Map([["2025-10-01 09:00", { id: 1, setId: 10 }]]),
  statuses: new Map([
    [
      10,
      new Map([
        ["P", 100],
        ["A", 103],
      ]),
    ],
  ]),
};

describe("planning a marks import (pure)", () => {
  it("turns rows into wishes per session, acronyms in any case, and sets remarks only when the column is there", () => {
    const withRemark = planMarksImport(
      readCsv("Moodle user ID,Date,Start,Status,Remark\n4,2025-10-01,9:00,p,\n5,01.10.2025,09:00:00,A,slims\n"),
      context,
    );
    expect(withRemark.problems).to.deep.equal([]);
    expect(
      withRemark.bySession.get(1)!.map((w) => [w.userId, w.statusId, w.remark, w.shownRemark === w.remark]),
    ).to.deep.equal([
      ["4", 100, "", false],
      ["5", 103, "slims", false],
    ]);
    const without = planMarksImport(readCsv("Moodle user ID,Date,Start,Status\n4,2025-10-01,09:00,P\n"), context);
    expect(without.bySession.get(1)![0]).to.include({ remark: "", shownRemark: "" });
  });

  it("reports a missing column, an unknown status, a second row for the same mark and a bad time, with lines", () => {
    expect(planMarksImport(readCsv("Moodle user ID,Date,Status\n4,2025-10-01,P\n"), context).problems).to.deep.equal([
      { line: 1, column: "start", messageKey: "attendance.import.missing_column" },
    ]);
    const inLatvian = { ...context, titles: { start: "Sākums" } };
    expect(planMarksImport(readCsv("Moodle user ID,Date,Status\n4,2025-10-01,P\n"), inLatvian).problems).to.deep.equal([
      { line: 1, column: "Sākums", messageKey: "attendance.import.missing_column" },
    ]);
    const plan = planMarksImport(
      readCsv(
        "Moodle user ID,Date,Start,Status\n4,2025-10-01,09:00,X\n5,2025-10-01,09:00,P\n5,2025-10-01,09:00,A\n4,2025-10-01,25:00,P\n",
      ),
      context,
    );
    expect(plan.problems.map((p) => [p.line, p.column, p.messageKey])).to.deep.equal([
      [2, "Status", "attendance.marks_import.unknown_status"],
      [4, "Moodle user ID", "attendance.marks_import.duplicate"],
      [5, "Start", "attendance.validation.time"],
    ]);
  });
});
