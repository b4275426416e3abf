import { PgBoss, fromPglite } from "pg-boss";
import type { Database } from "../db/client.js";

/**
 * pg-boss on the same database as everything else: its own `pgboss` schema on PostgreSQL, or through its PGlite
 * adapter on the embedded database. Jobs survive restarts and are retried, so no work that asked for Moodle,
 * Zoom or SMTP is lost when they fail.
 */
export function createBoss(database: Database): PgBoss {
  if (database.kind === "pglite" && database.pglite) return new PgBoss({ db: fromPglite(database.pglite) });
  if (!database.url) throw new Error("pg-boss needs a PostgreSQL URL");
  return new PgBoss({ connectionString: database.url, max: 4 });
}
