import ExcelJS from "exceljs";
import { DateTime } from "luxon";

/** Does the file start like an XLSX (a ZIP archive)? CSV files never do. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * A cell as the schedule reader expects text: Excel dates become 2026-10-17, Excel times 09:00 (a date-time on
 * Excel's day zero is a time), numbers their plain digits, formulas their result, rich text its characters.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return dateCellText(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("hyperlink" in value) return String(value.text);
  if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ("error" in value) return String(value.error);
  return "";
}

// exceljs hands dates over as UTC instants of the wall-clock value Excel shows.
function dateCellText(d: Date): string {
  const dt = DateTime.fromJSDate(d, { zone: "UTC" });
  if (dt.year < 1900 || (dt.year === 1900 && dt.ordinal <= 1)) return dt.toFormat("HH:mm");
  return dt.toFormat("yyyy-MM-dd");
}

/** The first worksheet of an XLSX file as rows of text (the first is the header), each with its row number. */
export async function readXlsx(bytes: Uint8Array): Promise<Array<{ line: number; cells: string[] }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return [];
  const rows: Array<{ line: number; cells: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells = Array.from({ length: row.cellCount }, (_, i) => cellText(row.getCell(i + 1).value).trim());
    if (cells.some((c) => c !== "")) rows.push({ line, cells });
  });
  return rows;
}
