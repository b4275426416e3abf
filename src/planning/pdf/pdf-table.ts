/** A column of a PDF table: its heading and width in points. */
export interface PdfColumn {
  heading: string;
  width: number;
}

/** One table row: a cell text per column, optionally a link per column, greyed when the class is cancelled. */
export interface PdfRow {
  cells: string[];
  links?: Array<string | null>;
  isMuted?: boolean;
}

const PAD = 4;

/**
 * Draws a table with wrapping cells, starting a new page (and repeating the heading row) whenever the next row
 * does not fit. The document must already have the "regular" and "bold" fonts registered.
 */
export function drawTable(doc: PDFKit.PDFDocument, columns: PdfColumn[], rows: PdfRow[], fontSize: number): void {
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  let y = doc.y;
  const heading: PdfRow = { cells: columns.map((c) => c.heading) };
  y = drawRow(doc, columns, heading, left, y, fontSize, true);
  for (const row of rows) {
    const height = rowHeight(doc, columns, row, fontSize, false);
    if (y + height > bottom()) {
      doc.addPage();
      y = drawRow(doc, columns, heading, left, doc.page.margins.top, fontSize, true);
    }
    y = drawRow(doc, columns, row, left, y, fontSize, false);
  }
  doc.x = left;
  doc.y = y + PAD;
}

function rowHeight(
  doc: PDFKit.PDFDocument,
  columns: PdfColumn[],
  row: PdfRow,
  fontSize: number,
  isHeading: boolean,
): number {
  doc.font(isHeading ? "bold" : "regular").fontSize(fontSize);
  const heights = columns.map((c, i) => doc.heightOfString(row.cells[i] ?? "", { width: c.width - 2 * PAD }));
  return Math.max(...heights) + 2 * PAD;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  columns: PdfColumn[],
  row: PdfRow,
  left: number,
  y: number,
  fontSize: number,
  isHeading: boolean,
): number {
  const height = rowHeight(doc, columns, row, fontSize, isHeading);
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  if (isHeading) doc.rect(left, y, width, height).fill("#e9ecef");
  doc.fillColor(row.isMuted ? "#6c757d" : "#000000");
  let x = left;
  columns.forEach((c, i) => {
    const link = row.links?.[i] ?? null;
    doc.text(row.cells[i] ?? "", x + PAD, y + PAD, { width: c.width - 2 * PAD, link, underline: Boolean(link) });
    x += c.width;
  });
  doc
    .moveTo(left, y + height)
    .lineTo(left + width, y + height)
    .lineWidth(0.5)
    .strokeColor("#adb5bd")
    .stroke();
  doc.fillColor("#000000");
  return y + height;
}
