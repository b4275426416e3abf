import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { RowSink } from "./export-rows.js";

/** An XLSX being written to a stream: rows go in with `write`, and `finish` closes the workbook. */
export interface XlsxRows {
  write: RowSink;
  finish(): Promise<void>;
}

/**
 * Rows into one worksheet with exceljs's streaming writer: each row is committed (written out and forgotten)
 * as it comes, with inline strings (no shared-string table held in memory), and each batch waits for the
 * stream to drain, so a 100,000-mark export never holds the whole sheet. Numbers stay numbers.
 */
export function xlsxRows(stream: Writable, sheetName: string): XlsxRows {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  return {
    async write(rows) {
      for (const r of rows) sheet.addRow(r.map((v) => (v === undefined ? null : v))).commit();
      if (stream.writableNeedDrain) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
