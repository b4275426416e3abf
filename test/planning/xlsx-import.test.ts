import { expect } from "chai";
import ExcelJS from "exceljs";
import { studyClasses } from "../../src/db/schema.js";
import { importSchedule } from "../../src/planning/import/import-schedule.js";
import { cellText, readXlsx } from "../../src/spreadsheets/read-xlsx.js";
import { scheduleTemplateXlsx } from "../../src/planning/import/schedule-template-xlsx.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { coordinator, SCHEDULE_HEADER } from "./fixtures.js";

type Cell = ExcelJS.CellValue;

/** An XLSX as an office makes it: real date and time cells, a number slot, a formula, rich text. */
async function workbook(rows: Cell[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Grafiks");
  ws.addRow(SCHEDULE_HEADER.split(";"));
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const day = new Date("2026-10-17T00:00:00Z");
const time = (h: number, m: number) => new Date(Date.UTC(1899, 11, 30, h, m));

describe(`importing a semester schedule from XLSX (${TEST_DB_KIND})`, () => {
  let database: TestDatabase;
  const actor = coordinator();
  const now = new Date("2026-09-01T10:00:00Z");
  beforeEach(async () => (database = await createTestDatabase()));
  afterEach(async () => database.destroy());

  const rows: Cell[][] = [
    [
      day,
      1,
      null,
      null,
      "BK101",
      { richText: [{ text: "Biznesa " }, { font: { bold: true }, text: "komunikācija" }] },
      "Ilze Ozoliņa",
      "ilze@example.lv",
      "BK-1",
      "tiešsaistē",
      null,
    ],
    [
      day,
      null,
      time(12, 45),
      time(15, 45),
      "EK201",
      "Ekonomika",
      "Jānis Bērziņš",
      { formula: 'LOWER("JANIS@EXAMPLE.LV")', result: "janis@example.lv" },
      "EK-2",
      "klātienē",
      210,
    ],
    [day, null, 0.375, 0.5, "ŠŪ100", "Šūšana", "Ģirts Ķēniņš", "girts@example.lv", "ŠŪ-1", "", null],
  ];

  it("reads Excel dates, times, numbers, formulas and rich text as the schedule's text", async () => {
    const read = await readXlsx(await workbook(rows));
    expect(read[0]!.cells.slice(0, 3)).to.deep.equal(["Datums", "Slots", "Sākums"]);
    expect(read[1]).to.deep.equal({
      line: 2,
      cells: [
        "2026-10-17",
        "1",
        "",
        "",
        "BK101",
        "Biznesa komunikācija",
        "Ilze Ozoliņa",
        "ilze@example.lv",
        "BK-1",
        "tiešsaistē",
      ],
    });
    expect(read[2]!.cells).to.deep.equal([
      "2026-10-17",
      "",
      "12:45",
      "15:45",
      "EK201",
      "Ekonomika",
      "Jānis Bērziņš",
      "janis@example.lv",
      "EK-2",
      "klātienē",
      "210",
    ]);
    expect(read[3]!.cells.slice(2, 4)).to.deep.equal(["0.375", "0.5"]);
    expect(cellText(null)).to.equal("");
  });

  it("imports a clean workbook and updates the same classes from a corrected one", async () => {
    expect(await importSchedule(database.db, actor, await workbook(rows), now)).to.deep.equal({
      ok: true,
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    const saved = await database.db.select().from(studyClasses);
    const sewing = saved.find((c) => c.courseRef === "ŠŪ100")!;
    expect(sewing).to.include({ lecturerName: "Ģirts Ķēniņš", slotNo: 1, isOnline: true });
    expect(sewing.startsAt.toISOString()).to.equal("2026-10-17T06:00:00.000Z");
    expect(saved.find((c) => c.courseRef === "EK201")).to.include({
      room: "210",
      isOnline: false,
      lecturerEmail: "janis@example.lv",
    });

    const corrected = rows.map((r) => [...r]);
    corrected[2]![6] = "Inese Kalna";
    expect(await importSchedule(database.db, actor, await workbook(corrected), now)).to.deep.equal({
      ok: true,
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    expect(await database.db.select().from(studyClasses)).to.have.length(3);
  });

  it("reports problems with the workbook's row numbers and saves nothing", async () => {
    const sunday = new Date("2026-10-18T00:00:00Z");
    const result = await importSchedule(
      database.db,
      actor,
      await workbook([rows[0]!, [sunday, 1, null, null, "BK101", "", "Ilze Ozoliņa", "", "BK-1", "", null]]),
      now,
    );
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.line, p.column, p.key])).to.deep.equal([
      [3, "Datums", "planning.import.errors.sunday"],
      [3, "E-pasts", "planning.import.errors.lecturer_email_missing"],
    ]);
    expect(await database.db.select().from(studyClasses)).to.deep.equal([]);
  });

  it("says a damaged workbook cannot be read", async () => {
    const result = await importSchedule(database.db, actor, Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), now);
    expect(result).to.deep.equal({
      ok: false,
      problems: [{ line: 1, column: "", key: "planning.import.errors.bad_xlsx" }],
    });
  });

  it("offers an XLSX template in both languages that the importer reads", async () => {
    for (const locale of ["lv", "en"] as const) {
      const db = await createTestDatabase();
      try {
        expect(await importSchedule(db.db, actor, await scheduleTemplateXlsx(locale), now)).to.deep.include({
          ok: true,
          created: 2,
        });
      } finally {
        await db.destroy();
      }
    }
  });
});
