/** CSV dialect: `,` with decimal points, or `;` with decimal commas for Latvian Excel. */
export interface CsvDialect {
  separator: "," | ";";
}

/** Excel reads UTF-8 (Latvian letters) only with a byte-order mark first. */
export const BOM = "\uFEFF";

/**
 * One CSV field: numbers in the dialect's decimal style; text quoted when it holds the separator, a quote or
 * a line break; text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with '.
 */
export function csvField(value: string | number | null | undefined, d: CsvDialect): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return d.separator === ";" ? String(value).replace(".", ",") : String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line with CRLF, as RFC 4180 and Excel expect. */
export function csvLine(values: (string | number | null | undefined)[], d: CsvDialect): string {
  return values.map((v) => csvField(v, d)).join(d.separator) + "\r\n";
}
