import { expect } from "chai";
import { planSessionImport } from "../../src/attendance/import/plan-session-import.js";
import { readCsv } from "../../src/spreadsheets/read-csv.js";

const groups = new Map([["a grupa", 7]]);

describe("planning a sessions import (pure)", () => {
  it("reads Latvian headers, dates and times, and group names", () => {
    const plan = planSessionImport(
      readCsv("Datums;Sākums;Beigas;Apraksts;Grupas\n01.10.2025;9:00;10:30;Ievads;A grupa\n2025-10-08;09:00;10:30;;\n"),
      groups,
    );
    expect(plan.problems).to.deep.equal([]);
    expect(plan.sessions.map((s) => [s.line, s.date, s.startTime, s.endTime, s.description, s.groupIds])).to.deep.equal(
      [
        [2, "2025-10-01", "09:00", "10:30", "Ievads", [7]],
        [3, "2025-10-08", "09:00", "10:30", "", []],
      ],
    );
  });

  it("reports every bad row with its line and column", () => {
    const plan = planSessionImport(
      readCsv(
        "date,start,end,groups\n2025-02-30,09:00,10:00,\n2025-10-01,11:00,10:00,\n2025-10-02,9.00,10:00,B grupa\n",
      ),
      groups,
    );
    expect(plan.problems).to.deep.equal([
      { line: 2, column: "date", messageKey: "attendance.validation.date" },
      { line: 3, column: "end", messageKey: "attendance.validation.end_before_start" },
      { line: 4, column: "groups: B grupa", messageKey: "attendance.import.unknown_group" },
      { line: 4, column: "start", messageKey: "attendance.validation.time" },
    ]);
    expect(plan.sessions).to.have.length(0);
  });

  it("names a missing required column in the user's language, and an empty file", () => {
    expect(planSessionImport(readCsv("date,end\n2025-10-01,10:00\n"), groups).problems).to.deep.equal([
      { line: 1, column: "sākums", messageKey: "attendance.import.missing_column" },
    ]);
    expect(planSessionImport(readCsv("datums,sākums\n2025-10-01,10:00\n"), groups, "en").problems).to.deep.equal([
      { line: 1, column: "end", messageKey: "attendance.import.missing_column" },
    ]);
    expect(planSessionImport(readCsv(""), groups).problems[0]!.messageKey).to.equal("attendance.import.empty");
    expect(planSessionImport(readCsv("date,start,end\n"), groups).problems[0]!.messageKey).to.equal(
      "attendance.import.no_rows",
    );
  });
});
