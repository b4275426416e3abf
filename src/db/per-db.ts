import type { Db } from "./client.js";

/**
 * A value kept per database handle (the app's, each test's), built on first use: prepared statements, which belong
 * to one handle, or what this process has already learnt about one database.
 */
export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}
