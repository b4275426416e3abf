import { isXlsx, readXlsx } from "../planning/import/read-xlsx.js";
import { CsvError, parseCsv, type CsvTable } from "./parse-csv.js";
import type { ImportProblem } from "./plan-session-import.js";

/** What a lecturer gave the import: pasted CSV text, or an uploaded file (CSV or XLSX, told apart by its first bytes). */
export type ImportSource = { text: string } | { bytes: Buffer };

/**
 * The rows of an import, whatever its format, as one table with each row's line (the CSV line or the
 * spreadsheet row) for the report. XLSX cells arrive as text: Excel dates as 2025-10-01, times as 09:00.
 * A file that cannot be read at all is one problem on its first line.
 */
export async function readSessionTable(source: ImportSource): Promise<CsvTable | ImportProblem> {
  if ("bytes" in source && isXlsx(source.bytes)) {
    try {
      const rows = await readXlsx(source.bytes);
      return { separator: ",", rows: rows.map((r) => ({ line: r.line, fields: r.cells })) };
    } catch {
      return { line: 1, column: "", messageKey: "attendance.import.xlsx_unreadable" };
    }
  }
  const text = "bytes" in source ? source.bytes.toString("utf8") : source.text;
  try {
    return parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) return { line: err.line, column: "", messageKey: "attendance.import.unclosed_quote" };
    throw err;
  }
}
