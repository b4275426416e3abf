/** A parsed CSV: rows of fields, each row with its line number in the file (1-based) for error reports. */
export interface CsvTable {
  separator: "," | ";";
  rows: { line: number; fields: string[] }[];
}

/** `;` when the first line has more semicolons than commas outside quotes (Latvian Excel), else `,`. */
function detectSeparator(text: string): "," | ";" {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semis++;
  }
  return semis > commas ? ";" : ",";
}

/**
 * RFC 4180 CSV: quoted fields with "" for a quote and line breaks inside quotes, CRLF or LF, a UTF-8 BOM
 * dropped, blank lines skipped. An unterminated quote is reported by throwing with its line number.
 */
export function parseCsv(input: string): CsvTable {
  const text = input.replace(/^\uFEFF/, "");
  const separator = detectSeparator(text);
  const rows: CsvTable["rows"] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== "") rows.push({ line: rowLine, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === separator) {
      fields.push(field);
      field = "";
    }
    else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      rowLine = ++line;
    } else field += ch;
  }
  if (quoted) throw new CsvError(rowLine);
  if (field !== "" || fields.length > 0) endRow();
  return { separator, rows };
}

/** A CSV that cannot be read at all (an unclosed quote), with the line where the broken row starts. */
export class CsvError extends Error {
  constructor(readonly line: number) {
    super(`unterminated quote in the row starting at line ${line}`);
  }
}
