import ExcelJS from "exceljs";
import { COLUMN_ALIASES, templateRows, type ScheduleField } from "./schedule-columns.js";

const FIELDS = Object.keys(COLUMN_ALIASES) as ScheduleField[];
const DATE_COLUMN = FIELDS.indexOf("date");
const TIME_COLUMNS = [FIELDS.indexOf("start"), FIELDS.indexOf("end")];

/** "HH:mm" as Excel's fraction of a day (12:45 -> 0.53125). */
function excelTime(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h! * 60 + m!) / (24 * 60);
}

/**
 * The schedule template as an XLSX workbook: the same columns and sample rows as the CSV, with the date and the
 * times as real Excel date and time cells (what offices' own spreadsheets contain), the header bold and frozen.
 */
export async function scheduleTemplateXlsx(locale: "lv" | "en"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Rollbook";
  const sheet = workbook.addWorksheet(locale === "lv" ? "Grafiks" : "Schedule", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const [header, ...samples] = templateRows(locale);
  sheet.addRow(header).font = { bold: true };
  for (const sample of samples) {
    const row = sheet.addRow(
      sample.map((v, i) => {
        if (i === DATE_COLUMN && v) return new Date(`${v}T00:00:00Z`);
        if (TIME_COLUMNS.includes(i) && v) return excelTime(v);
        if (FIELDS[i] === "slot" && v) return Number(v);
        return v;
      }),
    );
    row.getCell(DATE_COLUMN + 1).numFmt = "dd.mm.yyyy";
    for (const i of TIME_COLUMNS) row.getCell(i + 1).numFmt = "hh:mm";
  }
  sheet.columns.forEach((c, i) => (c.width = Math.max(12, (header![i] ?? "").length + 4)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
