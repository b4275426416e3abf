import ExcelJS from "exceljs";
import { BOM, csvLine } from "../attendance/index.js";
import type { T } from "../i18n/i18n.js";
import type { Locale } from "../lti/actor.js";
import type { AtRiskLine } from "./get-at-risk.js";
import { formatDay } from "./present.js";

type Cell = string | number | null;

/** The list as rows: a header, then one row per student; percentages stay numbers. */
export function atRiskRows(lines: AtRiskLine[], t: T, locale: Locale): Cell[][] {
  const head = [
    "name",
    "course",
    "activity",
    "percent",
    "trend",
    "in_a_row",
    "last_attended",
    "open_warnings",
    "last_contact",
  ];
  return [
    head.map((k) => t(`followup.list.col_${k}`)),
    ...lines.map((l) => [
      l.name,
      l.courseTitle,
      l.activityTitle,
      l.percent,
      t(`followup.trend.${l.trend ?? "none"}`),
      l.inARow,
      l.lastAttendedAt ? formatDay(l.lastAttendedAt, l.timezone, locale) : null,
      l.openWarnings,
      l.lastContact ? `${formatDay(l.lastContact.at, l.timezone, locale)} ${l.lastContact.by}` : null,
    ]),
  ];
}

/** CSV the way the attendance export writes it: `;` and decimal commas in Latvian, `,` in English, a BOM first. */
export function atRiskCsv(rows: Cell[][], locale: Locale): string {
  const dialect = { separator: locale === "lv" ? (";" as const) : ("," as const) };
  return BOM + rows.map((r) => csvLine(r, dialect)).join("");
}

/** The same rows as one XLSX worksheet (the list is one screen of students, so it is built in memory). */
export async function atRiskXlsx(rows: Cell[][], sheet: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet.slice(0, 31));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
