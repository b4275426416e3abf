import type { Db } from "./client.js";

/**
 * Prepared statements belong to one database handle: `preparedPerDb(build)` builds them on first use for each
 * handle (the app's, a test's) and reuses them after. For a hot path only; most queries are built per call.
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statements = built.get(db);
    if (!statements) {
      statements = build(db);
      built.set(db, statements);
    }
    return statements;
  };
}
