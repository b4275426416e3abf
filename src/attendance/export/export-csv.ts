import { BOM, csvLine, type CsvDialect } from "./csv-dialect.js";
import type { RowSink } from "./export-rows.js";

/** Where CSV text goes: resolves when the consumer wants more (back-pressure), so memory stays flat. */
export type CsvSink = (chunk: string) => Promise<void>;

/** Rows to CSV text in the dialect, a byte-order mark first (so Excel reads the Latvian letters), one chunk per batch. */
export function csvRows(d: CsvDialect, write: CsvSink): RowSink {
  let first = true;
  return (rows) => {
    const chunk = (first ? BOM : "") + rows.map((r) => csvLine(r, d)).join("");
    first = false;
    return write(chunk);
  };
}
