import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import { formatDateTime, formatDay } from "../../i18n/format.js";
import type { T } from "../../i18n/i18n.js";
import type { Locale } from "../../lti/actor.js";
import type { ClassView } from "../present.js";
import { drawTable, type PdfColumn, type PdfRow } from "./pdf-table.js";

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

/** What the day-plan PDF shows: the day's online classes as the plan presents them. */
export interface DayPlanPdfInput {
  classDate: string;
  classes: ClassView[];
  t: T;
  locale: Locale;
  zone: string;
  /** When the PDF is made (shown in its footer and set as its creation date). */
  now: Date;
}

// Widths in points; together they fill an A4 landscape page inside 36 pt margins (769.9 pt).
const WIDTHS = [72, 165, 115, 75, 190, 82, 70];

/** The date as people read it: "sestdiena, 2026. gada 17. oktobris" / "Saturday, 17 October 2026". */
export function readableDate(classDate: string, locale: Locale): string {
  return formatDay(locale, classDate, "long");
}

/** The PDF's file name in its own language: "studiju-diena-2026-10-17.pdf" / "study-day-2026-10-17.pdf". */
export function dayPlanFileName(classDate: string, locale: Locale): string {
  return `${locale === "en" ? "study-day" : "studiju-diena"}-${classDate}.pdf`;
}

function rowOf(c: ClassView, t: T): PdfRow {
  const course = [c.courseRef, c.courseTitle].filter(Boolean).join(" ");
  if (c.isCancelled)
    return { cells: [c.time, course, c.lecturerName, c.groups, t("planning.state_cancelled"), "", ""], isMuted: true };
  return {
    cells: [c.time, course, c.lecturerName, c.groups, c.joinUrl ?? "", c.meetingId ?? "", c.passcode ?? ""],
    links: [null, null, null, null, c.joinUrl, null, null],
  };
}

/**
 * The study-day plan as a PDF (A4 landscape): a table of the day's online classes with their join details.
 * DejaVu Sans is embedded, so Latvian letters (ā č ē ģ ī ķ ļ ņ š ū ž) come out right and can be copied as text.
 */
export function renderDayPlanPdf(input: DayPlanPdfInput): Promise<Buffer> {
  const { t } = input;
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 36,
    info: { Title: t("planning.pdf.title", { date: input.classDate }), Creator: "Rollbook", CreationDate: input.now },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("regular", join(FONT_DIR, "DejaVuSans.ttf"));
  doc.registerFont("bold", join(FONT_DIR, "DejaVuSans-Bold.ttf"));
  doc
    .font("bold")
    .fontSize(16)
    .text(t("planning.pdf.title", { date: readableDate(input.classDate, input.locale) }));
  doc.moveDown(0.5);
  const online = input.classes.filter((c) => c.isOnline);
  if (online.length === 0) doc.font("regular").fontSize(11).text(t("planning.no_classes"));
  else {
    const headings = [
      "col_time",
      "col_course",
      "col_lecturer",
      "col_groups",
      "col_join",
      "col_meeting_id",
      "col_passcode",
    ].map((k) => t(`planning.${k}`));
    const columns: PdfColumn[] = headings.map((heading, i) => ({ heading, width: WIDTHS[i]! }));
    drawTable(
      doc,
      columns,
      online.map((c) => rowOf(c, t)),
      9,
    );
  }
  const made = formatDateTime(input.now, input.zone);
  doc
    .moveDown(1)
    .font("regular")
    .fontSize(8)
    .fillColor("#6c757d")
    .text(t("planning.pdf.footer", { at: made, zone: input.zone }), doc.page.margins.left);
  doc.end();
  return done;
}
