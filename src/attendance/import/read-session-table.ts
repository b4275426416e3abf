import { isXlsx, readXlsx } from "../../spreadsheets/read-xlsx.js";
import { CsvReadError, readCsv, type SheetRow } from "../../spreadsheets/read-csv.js";
import { DEFAULT_MAX_ROWS, SpreadsheetLimitError } from "../../spreadsheets/limits.js";
import type { ImportProblem } from "./plan-session-import.js";

/** What a lecturer gave the import: pasted CSV text, or an uploaded file (CSV or XLSX, told apart by its first bytes). */
export type ImportSource = { text: string } | { bytes: Buffer };

/**
 * The rows of an import, whatever its format, as one table with each row's line (the CSV line or the
 * spreadsheet row) for the report. XLSX cells arrive as text: Excel dates as 2025-10-01, times as 09:00.
 * A file that cannot be read at all is one problem: an XLSX on line 1, a CSV on the line its broken row starts;
 * a file beyond the readers' limits (a zip bomb, too many bytes) is one problem on line 1 with the limit's message.
 * Reading stops after `maxRows` + 1 rows, so the caller can tell a file with too many.
 */
export async function readSessionTable(
  source: ImportSource,
  maxRows = DEFAULT_MAX_ROWS,
): Promise<SheetRow[] | ImportProblem> {
  try {
    if ("bytes" in source && isXlsx(source.bytes)) return await readXlsx(source.bytes, { maxRows });
    return readCsv("bytes" in source ? source.bytes : source.text, { maxRows });
  } catch (err) {
    if (err instanceof SpreadsheetLimitError) return { line: 1, column: "", messageKey: err.messageKey };
    if (err instanceof CsvReadError)
      return { line: err.line, column: "", messageKey: `attendance.import.${err.problem}` };
    if ("bytes" in source && isXlsx(source.bytes))
      return { line: 1, column: "", messageKey: "attendance.import.xlsx_unreadable" };
    throw err;
  }
}
