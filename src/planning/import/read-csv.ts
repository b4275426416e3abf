/** Text from a file's bytes: UTF-8 (with or without BOM) when it decodes cleanly, otherwise windows-1257 (Baltic Excel). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1257").decode(bytes);
  }
}

/** `;` (Latvian Excel's "CSV") or `,`: whichever appears more often outside quotes on the first line. */
export function detectSeparator(text: string): ";" | "," {
  let semi = 0;
  let comma = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ";") semi++;
    else if (!quoted && ch === ",") comma++;
  }
  return semi >= comma && semi > 0 ? ";" : ",";
}

/**
 * Parses CSV text (RFC 4180: quoted fields, "" inside quotes, separators and line breaks inside quotes, CRLF or LF).
 * Blank lines are dropped; each row keeps its line number in the file for problem reports.
 */
export function parseCsv(text: string, separator: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== "")) rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === separator) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") continue;
    else if (ch === "\n" || ch === "\r") {
      endRow();
      rowLine = ++line;
    } else cell += ch;
  }
  if (cell !== "" || cells.length > 0) endRow();
  return rows;
}

/** Bytes of an uploaded CSV to rows, whatever its encoding and separator. */
export function readCsv(bytes: Uint8Array): Array<{ line: number; cells: string[] }> {
  const text = decodeText(bytes);
  return parseCsv(text, detectSeparator(text));
}
