import { expect } from "chai";
import { SpreadsheetLimitError } from "../../src/spreadsheets/limits.js";
import { MAX_CSV_BYTES, readCsv } from "../../src/spreadsheets/read-csv.js";
import { readXlsx } from "../../src/spreadsheets/read-xlsx.js";
import { inspectZip } from "../../src/spreadsheets/zip-limits.js";
import { xlsxOf } from "../attendance/xlsx.js";
import { partOf, sharedStringBomb, workbookParts, zipOf } from "../support/zip-writer.js";

async function refusal(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
  } catch (err) {
    if (err instanceof SpreadsheetLimitError) return err.messageKey;
    throw err;
  }
  throw new Error("the file was read");
}

describe("what an uploaded spreadsheet may cost (pure, worker thread)", () => {
  it("refuses a zip bomb from its central directory, before unpacking anything", async () => {
    const bomb = await sharedStringBomb(300);
    expect(bomb.length).to.be.below(1024 * 1024);
    expect(inspectZip(bomb)).to.equal("too_large");
    const started = Date.now();
    expect(await refusal(() => readXlsx(bomb))).to.equal("limits.xlsx_too_large");
    expect(Date.now() - started).to.be.below(500);
  });

  it("refuses a bomb whose directory lies about its size (the worker stops inflating at the claimed size)", async () => {
    const bomb = await sharedStringBomb(100, { lie: true });
    expect(inspectZip(bomb)).to.be.an("array");
    expect(await refusal(() => readXlsx(bomb))).to.equal("limits.xlsx_too_large");
  });

  it("refuses data the directory does not list, and too many entries", async () => {
    const parts = await workbookParts();
    expect(inspectZip(zipOf(parts))).to.be.an("array");
    expect(inspectZip(zipOf(parts, { hidden: [partOf("xl/worksheets/sheet9.xml", Buffer.alloc(10))] }))).to.equal(
      "too_large",
    );
    const many = Array.from({ length: 501 }, (_, i) => partOf(`f${i}.xml`, Buffer.from("x")));
    expect(inspectZip(zipOf(many))).to.equal("too_large");
  });

  it("stops reading a workbook after the row cap, and a worker out of time is ended with a message", async () => {
    const book = await xlsxOf(Array.from({ length: 200 }, (_, i) => [`r${i}`, i]));
    const rows = await readXlsx(book, { maxRows: 10 });
    expect(rows).to.have.length(11);
    expect(rows[10]).to.deep.equal({ line: 11, cells: ["r10", "10"] });
    expect(await refusal(() => readXlsx(book, { timeoutMs: 1 }))).to.equal("limits.xlsx_too_slow");
  });

  it("refuses a CSV over the byte cap and stops a long one after the row cap", () => {
    expect(() => readCsv("a;b\n".repeat(MAX_CSV_BYTES / 4 + 1)))
      .to.throw(SpreadsheetLimitError)
      .with.property("messageKey", "limits.csv_too_large");
    const rows = readCsv("a;b\n".repeat(1_000_000), { maxRows: 5, maxBytes: Infinity });
    expect(rows.map((r) => r.line)).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });
});
