/** The SQLSTATE of a database error, looking through drizzle's wrapper (`cause`); 23P01 exclusion, 23505 unique, 23514 check. */
export function pgErrorCode(err: unknown): string | null {
  for (
    let e: unknown = err, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}
