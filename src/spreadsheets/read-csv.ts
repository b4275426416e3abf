import { CsvError, parse, type Options } from "csv-parse/sync";
import { stripControlChars } from "../http/control-chars.js";
import { DEFAULT_MAX_ROWS, SpreadsheetLimitError } from "./limits.js";

/** One row of an imported table: its cells as text and the file's line it starts on (1-based), for problem reports. readXlsx gives the same shape. */
export interface SheetRow {
  line: number;
  cells: string[];
}

/** Why a CSV cannot be read at all; each importer has a message under this name in both languages. */
export type CsvProblem = "unclosed_quote" | "text_after_quote" | "not_csv";

/** A CSV that cannot be read at all, with the line where the broken row starts. */
export class CsvReadError extends Error {
  constructor(
    readonly line: number,
    readonly problem: CsvProblem,
  ) {
    super(`${problem.replace(/_/g, " ")} in the row starting at line ${line}`);
  }
}

/** The largest CSV an import reads (the upload limit); a timetable of a whole college is far smaller. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

/** Thrown from csv-parse's record callback to stop reading once the row cap is passed. */
class EnoughRows extends Error {}

/** The separators a file may use, in the order a tie is settled: `;` (Latvian Excel's "CSV") first, then `,`, then tab. */
const SEPARATORS = [";", ",", "\t"] as const;
type Separator = (typeof SEPARATORS)[number];

/** The csv-parse errors a user's file can cause with OPTIONS, by the problem they are reported as. */
const PROBLEMS: Partial<Record<string, CsvProblem>> = {
  CSV_QUOTE_NOT_CLOSED: "unclosed_quote",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text_after_quote",
};

// How csv-parse reads every file:
// - trim: whitespace around a field, outside quotes, is dropped, so in `a;  "b;c"  ;d` the quote after the spaces opens
//   the quoted field `b;c`; whitespace inside quotes stays, and text after a closing quote (`"b"c`) is an error;
// - relax_quotes: a quote inside an unquoted field is text (`Ekrāns 24"`);
// - relax_column_count: rows may differ in length;
// - blank lines are records too (no skip_empty_lines), so each record starts on the line after the previous one ends;
// - record_delimiter "\n": readCsv makes every line break "\n" first, because csv-parse counts a CRLF inside quotes
//   as two lines and the importers report problems by line.
const OPTIONS = { trim: true, relax_quotes: true, relax_column_count: true, record_delimiter: "\n" } satisfies Options;

/**
 * The one CSV reader of every import (sessions, marks, the semester schedule), on csv-parse with OPTIONS:
 * - bytes are UTF-8 (with or without BOM) when they decode cleanly, else windows-1257 (Baltic Excel); a BOM is dropped;
 * - the separator is `;`, `,` or tab, whichever the first non-blank line holds most of outside quotes; a tie goes to `;`;
 * - NUL and other control characters are dropped from cells (tab and line breaks stay);
 * - blank lines and rows whose every field is empty or whitespace (`;;;`) are skipped;
 * - each row keeps the physical line it starts on, counting line breaks inside quoted fields (CRLF, LF or CR);
 * - an unclosed quote, or text after a closing quote, throws CsvReadError with the line its row starts on;
 * - input over `maxBytes` (bytes, or characters of pasted text) throws SpreadsheetLimitError before anything is read;
 * - reading stops after `maxRows` + 1 non-empty rows (one more than the cap, so the caller can tell there are too many);
 * - bytes that are not text at all (a PDF, a picture, an old .xls) throw CsvReadError "not_csv" on line 1.
 */
export function readCsv(
  input: string | Uint8Array,
  { maxRows = DEFAULT_MAX_ROWS, maxBytes = MAX_CSV_BYTES } = {},
): SheetRow[] {
  if (input.length > maxBytes) throw new SpreadsheetLimitError("limits.csv_too_large");
  if (typeof input !== "string" && looksBinary(input)) throw new CsvReadError(1, "not_csv");
  const text = (typeof input === "string" ? input : decodeText(input)).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const rows: SheetRow[] = [];
  // csv-parse's info.lines is the line a record ends on; the next record, or the broken one, starts on the line after.
  let previousEnd = 0;
  try {
    parse(text, {
      ...OPTIONS,
      delimiter: detectSeparator(text),
      on_record: (cells, info) => {
        if (cells.some((c) => c.trim() !== ""))
          rows.push({ line: previousEnd + 1, cells: cells.map(stripControlChars) });
        previousEnd = info.lines;
        if (rows.length > maxRows) throw new EnoughRows();
        return null; // rows are collected above, with their lines
      },
    });
  } catch (err) {
    if (err instanceof EnoughRows) return rows;
    const problem = err instanceof CsvError ? PROBLEMS[err.code] : undefined;
    if (problem) throw new CsvReadError(previousEnd + 1, problem);
    throw err;
  }
  return rows;
}

/**
 * The separator the first non-blank line holds most of outside quotes (a tie goes to the earlier in SEPARATORS).
 * A quote opens a quoted field only at the start of a field, after optional spaces, as csv-parse reads it.
 */
function detectSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ";": 0, ",": 0, "\t": 0 };
  const first = text.search(/\S/);
  let quoted = false;
  let fieldStart = true;
  for (let i = text.lastIndexOf("\n", first) + 1; first >= 0 && i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === "\n") break;
    else if (SEPARATORS.includes(ch as Separator)) {
      counts[ch as Separator]++;
      fieldStart = true;
    } else if (ch === '"' && fieldStart) [quoted, fieldStart] = [true, false];
    else if (ch !== " ") fieldStart = false;
  }
  return SEPARATORS.reduce((best, s) => (counts[s] > counts[best] ? s : best));
}

/** Text from a file's bytes: UTF-8 (with or without BOM) when it decodes cleanly, otherwise windows-1257 (Baltic Excel). */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1257").decode(bytes);
  }
}

/**
 * Whether bytes are a binary file rather than text: a NUL byte, or more than 1 in 20 control characters
 * (other than tab, line breaks and form feed) in the first 8 KB. Text in UTF-8 or windows-1257 has neither.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  }
  return control * 20 > head.length;
}
