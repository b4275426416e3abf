import { isXlsx, readXlsx } from "../../spreadsheets/read-xlsx.js";
import { CsvReadError, readCsv, type SheetRow } from "../../spreadsheets/read-csv.js";
import type { ImportProblem } from "./plan-session-import.js";

/** What a lecturer gave the import: pasted CSV text, or an uploaded file (CSV or XLSX, told apart by its first bytes). */
export type ImportSource = { text: string } | { bytes: Buffer };

/**
 * The rows of an import, whatever its format, as one table with each row's line (the CSV line or the
 * spreadsheet row) for the report. XLSX cells arrive as text: Excel dates as 2025-10-01, times as 09:00.
 * A file that cannot be read at all is one problem: an XLSX on line 1, a CSV on the line its broken row starts.
 */
export async function readSessionTable(source: ImportSource): Promise<SheetRow[] | ImportProblem> {
  if ("bytes" in source && isXlsx(source.bytes)) {
    try {
      return await readXlsx(source.bytes);
    } catch {
      return { line: 1, column: "", messageKey: "attendance.import.xlsx_unreadable" };
    }
  }
  try {
    return readCsv("bytes" in source ? source.bytes : source.text);
  } catch (err) {
    if (err instanceof CsvReadError)
      return { line: err.line, column: "", messageKey: `attendance.import.${err.problem}` };
    throw err;
  }
}
