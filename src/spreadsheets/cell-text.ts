import type ExcelJS from "exceljs";
import { DateTime } from "luxon";

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
