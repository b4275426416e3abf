/** `db.execute` answers `{ rows }` on node-postgres and PGlite alike; this reads them typed. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
