import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema.js";

/** The one database type the rest of the code sees, whether PGlite or a PostgreSQL server is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction of `Db`: queries take `Db | Tx` so a command can run them inside its transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface Database {
  readonly db: Db;
  readonly kind: "pglite" | "postgres";
  /** For PostgreSQL: the connection string (migrations take a lock on their own connection). */
  readonly url?: string;
  readonly pglite?: PGlite;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; without it PGlite is used. */
  url?: string;
  /** PGlite data folder; "memory://" (or undefined with no url) keeps everything in memory. */
  pgliteDir?: string;
  poolSize?: number;
  /** PGlite only: start from this data directory dump (`PGlite.dumpDataDir`) instead of an empty database. */
  pgliteDump?: Blob;
}

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite on disk (or in memory). */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    pool.on("error", () => undefined); // an idle client's error must not crash the process; the next query reports it
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      url: opts.url,
      ping: async () => void (await pool.query("select 1")),
      close: () => pool.end(),
    };
  }
  const dir = opts.pgliteDir && opts.pgliteDir !== "memory://" ? opts.pgliteDir : undefined;
  if (dir) mkdirSync(dir, { recursive: true });
  // btree_gist: study-day planning keeps Zoom hosts from double-booking with an exclusion constraint.
  const extensions = { btree_gist };
  const client = dir
    ? new PGlite(dir, { extensions })
    : new PGlite({ extensions, ...(opts.pgliteDump ? { loadDataDir: opts.pgliteDump } : {}) });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    pglite: client,
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => client.close(),
  };
}
