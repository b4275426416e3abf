import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "../../src/db/schema.js";
import { ROOT } from "../../src/paths.js";
import { OTHER_TABLES, PERSON_TABLES } from "../../src/privacy/index.js";

const tables = (Object.values(schema) as unknown[])
  .filter((v): v is PgTable => is(v, PgTable))
  .map((table) => getTableConfig(table).name)
  .sort();

describe("the privacy feature's table list", () => {
  it("names every table of the schema once: about people (what a request does) or not (why)", () => {
    expect(tables.length).to.be.greaterThan(50);
    const named = [...Object.keys(PERSON_TABLES), ...Object.keys(OTHER_TABLES)];
    expect(named.filter((n) => Object.hasOwn(PERSON_TABLES, n) && Object.hasOwn(OTHER_TABLES, n))).to.deep.equal([]);
    expect(
      tables.filter((n) => !named.includes(n)),
      "tables missing from src/privacy/tables.ts",
    ).to.deep.equal([]);
    expect(
      named.filter((n) => !tables.includes(n)),
      "tables that no longer exist",
    ).to.deep.equal([]);
  });

  it("is written out in docs/privacy.md, table by table", () => {
    const doc = readFileSync(join(ROOT, "docs/privacy.md"), "utf8");
    expect(tables.filter((n) => !doc.includes(`\`${n}\``))).to.deep.equal([]);
  });
});
