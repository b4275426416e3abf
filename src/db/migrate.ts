import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import pg from "pg";
import { MIGRATIONS_DIR } from "../paths.js";
import { rowsOf } from "./rows.js";
import type { Database } from "./client.js";

/** Arbitrary constant: the advisory lock every Rollbook instance takes while migrating. */
const MIGRATION_LOCK = 724_301_117;

/**
 * Applies the versioned migrations in src/db/migrations. On PostgreSQL an advisory lock on its own
 * connection makes two instances that start together take turns; the second finds nothing to do.
 */
export async function migrateDatabase(database: Database, folder = MIGRATIONS_DIR): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    return;
  }
  const lockClient = new pg.Client({ connectionString: database.url });
  await lockClient.connect();
  try {
    await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder: folder });
  } finally {
    await lockClient.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    await lockClient.end();
  }
}

/** The migrations this build knows (from the journal), for /readyz. */
export function knownMigrationCount(folder = MIGRATIONS_DIR): number {
  const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

/** How many migrations the database has applied (0 when none ran yet). */
export async function appliedMigrationCount(database: Database): Promise<number> {
  try {
    const res = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
  } catch {
    return 0;
  }
}
