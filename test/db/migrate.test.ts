import { expect } from "chai";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/db/client.js";
import { appliedMigrationCount, knownMigrationCount, migrateDatabase } from "../../src/db/migrate.js";
import { rowsOf } from "../../src/db/rows.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";

describe(`migrations on ${TEST_DB_KIND}`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.destroy());

  it("applies every migration and creates the tables", async () => {
    expect(await appliedMigrationCount(database)).to.equal(knownMigrationCount());
    const tables = rowsOf<{ table_name: string }>(
      await database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`),
    ).map((r) => r.table_name);
    expect(tables).to.include.members([
      "lti_store",
      "app_sessions",
      "courses",
      "activities",
      "course_members",
      "settings",
    ]);
  });

  it("migrates an empty embedded database from the first migration (test databases start from a dump of one)", async () => {
    const empty = await openDatabase({ pgliteDir: "memory://" });
    try {
      expect(await appliedMigrationCount(empty)).to.equal(0);
      await migrateDatabase(empty);
      expect(await appliedMigrationCount(empty)).to.equal(knownMigrationCount());
    } finally {
      await empty.close();
    }
  });

  it("is safe to run again, and by two instances starting at once", async function () {
    if (database.kind === "pglite") {
      await migrateDatabase(database);
      expect(await appliedMigrationCount(database)).to.equal(knownMigrationCount());
      return;
    }
    // Two fresh pools on the same fresh database, migrating together.
    const fresh = await createTestDatabase();
    await fresh.db.execute(sql`drop schema drizzle cascade`);
    await fresh.db.execute(sql`drop schema public cascade`);
    await fresh.db.execute(sql`create schema public`);
    const a = await openDatabase({ url: fresh.url });
    const b = await openDatabase({ url: fresh.url });
    await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
    expect(await appliedMigrationCount(a)).to.equal(knownMigrationCount());
    await a.close();
    await b.close();
    await fresh.destroy();
  });
});
