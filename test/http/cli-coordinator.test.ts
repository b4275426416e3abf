import { expect } from "chai";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../../src/paths.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";

const run = promisify(execFile);

describe(`rollbook coordinator:add (${TEST_DB_KIND})`, function () {
  this.timeout(300_000);
  let dir: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "rollbook-cli-"));
    env = {
      ...(process.env as Record<string, string>),
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATA_DIR: dir,
      PGLITE_DIR: join(dir, "pglite"),
      ENCRYPTION_KEY: "cli-test-key-0123456789-0123456789-abc",
    };
    if (TEST_DB_KIND === "postgres") {
      database = await createTestDatabase();
      env.DATABASE_URL = database.url as string;
    }
  });
  after(async () => {
    await database?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  const rollbook = (...args: string[]) =>
    run(process.execPath, ["--conditions=source", "--import", "tsx", join(ROOT, "src/cli/rollbook.ts"), ...args], {
      env,
      cwd: ROOT,
    });

  it("adds a coordinator by Moodle user id to the only platform, and refuses an e-mail nobody has", async () => {
    await rollbook("platform:add", "--issuer", "https://moodle.example.lv", "--client-id", "abc123");
    const added = await rollbook("coordinator:add", "42", "--name", "Sarmīte Šķēle");
    expect(added.stdout).to.match(/^coordinator +\S+ +42 +Sarmīte Šķēle$/m);
    const again = await rollbook("coordinator:add", "42");
    expect(again.stdout).to.match(/^coordinator +\S+ +42 +Sarmīte Šķēle$/m);
    const refused = await rollbook("coordinator:add", "nobody@example.lv").then(
      () => null,
      (err: { stderr: string; code: number }) => err,
    );
    expect(refused?.code).to.equal(1);
    expect(refused?.stderr).to.include("nobody with the e-mail nobody@example.lv has launched Rollbook");
    expect((await rollbook("help")).stdout).to.include("coordinator:add EMAIL|USER_ID");
  });
});
