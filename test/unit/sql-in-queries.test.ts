import { RuleTester } from "eslint";
import { join } from "node:path";
import tseslint from "typescript-eslint";
import plugin, { isQueriesFile } from "../../eslint-rules/sql-in-queries.js";
import { ROOT } from "../../src/paths.js";
import { expect } from "chai";

const rule = plugin.rules["sql-in-queries"];
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, sourceType: "module" } });
const at = (path: string) => join(ROOT, "src", path);

describe("the sql-in-queries lint rule", () => {
  it("knows the queries files", () => {
    expect(isQueriesFile("attendance/sessions/queries.ts")).to.equal(true);
    expect(isQueriesFile("planning/timeline/briefing-queries.ts")).to.equal(true);
    expect(isQueriesFile("bridge/repo/sync.ts")).to.equal(true);
    expect(isQueriesFile("db/client.ts")).to.equal(true);
    expect(isQueriesFile("attendance/sessions/close-session.ts")).to.equal(false);
    expect(isQueriesFile("checkin/queries-helper.ts")).to.equal(false);
  });

  tester.run("sql-in-queries", rule, {
    valid: [
      { filename: at("attendance/sessions/queries.ts"), code: 'import { eq } from "drizzle-orm"; db.select();' },
      { filename: at("attendance/sessions/new-thing.ts"), code: 'import type { SQL } from "drizzle-orm";' },
      { filename: at("attendance/sessions/new-thing.ts"), code: 'import { type Db } from "../../db/client.js";' },
      { filename: at("attendance/sessions/new-thing.ts"), code: "await listSessions(db, 1); tx.rollback();" },
      { filename: at("attendance/sessions/new-thing.ts"), code: "items.select(); db.transaction(f);" },
    ],
    invalid: [
      {
        filename: at("attendance/sessions/new-thing.ts"),
        code: 'import { and, eq } from "drizzle-orm";',
        errors: [{ message: /imports drizzle-orm/ }],
      },
      {
        filename: at("attendance/sessions/new-thing.ts"),
        code: 'import { attendanceSessions } from "../../db/schema.js";',
        errors: [{ message: /schema's tables/ }],
      },
      {
        filename: at("checkin/new-thing.ts"),
        code: 'import { checkinSettings } from "../db/schema/checkin.js";',
        errors: [{ message: /schema's tables/ }],
      },
      {
        filename: at("attendance/sessions/new-thing.ts"),
        code: "await tx.insert(t).values(v);",
        errors: [{ message: /tx\.insert/ }],
      },
      {
        filename: at("attendance/sessions/new-thing.ts"),
        code: "await db.execute(q); await db.query.courses.findFirst();",
        errors: [{ message: /db\.execute/ }, { message: /db\.query/ }],
      },
    ],
  });
});
