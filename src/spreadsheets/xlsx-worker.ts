import { Readable } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { cellText } from "./cell-text.js";
import { stripControlChars } from "../http/control-chars.js";
import { dataOffset, inspectZip, type ZipEntry } from "./zip-limits.js";
import type { SheetRow } from "./read-csv.js";

/** What readXlsx hands the worker, and what it answers. */
export interface XlsxJob {
  bytes: Uint8Array;
  maxRows: number;
}
export type XlsxAnswer = { rows: SheetRow[] } | { problem: "unreadable" | "too_large" };

/**
 * Every entry inflates to no more than its directory says (zlib stops at that length), so a lying directory
 * cannot slip a bomb past inspectZip.
 */
function sizesHold(bytes: Uint8Array, entries: ZipEntry[]): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    if (e.method === 0) {
      if (e.size !== e.compressedSize) return false;
      continue;
    }
    if (e.method !== 8) return false;
    const at = dataOffset(buf, e);
    const data = buf.subarray(at, at + e.compressedSize);
    if (inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) }).length !== e.size) return false;
  }
  return true;
}

/** The first worksheet with a non-empty row, streamed, stopping after maxRows + 1 non-empty rows. */
async function firstSheetRows(bytes: Uint8Array, maxRows: number): Promise<SheetRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  for await (const sheet of reader) {
    const rows: SheetRow[] = [];
    for await (const row of sheet) {
      const cells = Array.from({ length: row.cellCount }, (_, i) =>
        stripControlChars(cellText(row.getCell(i + 1).value)).trim(),
      );
      if (cells.some((c) => c !== "")) rows.push({ line: row.number, cells });
      if (rows.length > maxRows) return rows;
    }
    if (rows.length > 0) return rows;
  }
  return [];
}

async function run({ bytes, maxRows }: XlsxJob): Promise<XlsxAnswer> {
  const entries = inspectZip(bytes);
  if (!Array.isArray(entries)) return { problem: entries };
  try {
    if (!sizesHold(bytes, entries)) return { problem: "too_large" };
  } catch (err) {
    return { problem: err instanceof RangeError ? "too_large" : "unreadable" };
  }
  try {
    return { rows: await firstSheetRows(bytes, maxRows) };
  } catch {
    return { problem: "unreadable" };
  }
}

void run(workerData as XlsxJob).then((answer) => parentPort!.postMessage(answer));
