import { expect } from "chai";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../../src/paths.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";

const run = promisify(execFile);

describe(`the rollbook command (${TEST_DB_KIND})`, function () {
  this.timeout(300_000); // each command starts node with tsx and opens the database: over a minute on a loaded machine
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

  it("registers platforms from a JSON file, lists them, and deactivates and activates one", async () => {
    const file = join(dir, "platforms.json");
    writeFileSync(
      file,
      JSON.stringify([{ name: "Koledžas Moodle", issuer: "https://moodle.example.lv/", clientId: "abc123" }]),
    );
    const added = await rollbook("platform:import", file);
    expect(added.stdout).to.match(/^active +\S+ +https:\/\/moodle\.example\.lv +client_id=abc123 +Koledžas Moodle/m);
    await rollbook("platform:deactivate", "https://moodle.example.lv");
    expect((await rollbook("platform:list")).stdout).to.match(/^PENDING .*client_id=abc123/m);
    await rollbook("platform:activate", "https://moodle.example.lv", "--client-id", "abc123");
    expect((await rollbook("platform:list")).stdout).to.match(/^active .*client_id=abc123/m);
  });

  it("makes a one-time registration link with an expiry", async () => {
    const out = await rollbook("registration:link", "--hours", "2", "--note", "Koledža");
    expect(out.stdout).to.match(/^\S+\/lti\/register\?key=[A-Za-z0-9_-]{32}$/m);
    expect(out.stdout).to.match(/one registration, valid until \d{4}-\d\d-\d\dT/);
    const refused = await rollbook("registration:link", "--hours", "0").catch((e: { stderr: string }) => e);
    expect((refused as { stderr: string }).stderr).to.include("--hours must be 1 to 720");
  });

  it("adds a platform from flags, deriving Moodle's endpoints from the issuer", async () => {
    const out = await rollbook(
      "platform:add",
      "--issuer",
      "https://lms.example.lv",
      "--client-id",
      "xyz",
      "--name",
      "LMS",
    );
    expect(out.stdout).to.include("client_id=xyz");
  });

  it("refuses a bad file with a message naming the field", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ issuer: "not a url" }));
    const err = await rollbook("platform:import", file).then(
      () => null,
      (e: { stderr: string; code: number }) => e,
    );
    expect(err?.code).to.equal(1);
    expect(err?.stderr).to.include("issuer");
    expect(err?.stderr).to.include("clientId");
  });
});
