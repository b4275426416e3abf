import { expect } from "chai";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../src/paths.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";

/** `npm start` runs tsc's output under plain node (no tsx): this catches what only breaks there. */
describe(`the built app starts under plain node (${TEST_DB_KIND})`, function () {
  this.timeout(180_000);
  let dir: string;
  let database: TestDatabase | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "rollbook-built-"));
    if (TEST_DB_KIND === "postgres") database = await createTestDatabase();
    // .ci/run builds once before running the suites side by side (SMOKE_BUILT=1); alone, the test builds itself.
    if (process.env.SMOKE_BUILT !== "1")
      execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "pipe" });
  });
  after(async () => {
    await database?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers /readyz and stops cleanly on SIGTERM", async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      NODE_OPTIONS: "",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dir,
      PGLITE_DIR: join(dir, "pg"),
      LOG_LEVEL: "warn",
      DATABASE_URL: database?.url ?? "",
    };
    const child = spawn(process.execPath, [join(ROOT, "dist/src/main.js")], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let ready = "";
    for (let i = 0; i < 480 && ready !== "ok"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      ready = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.text())
        .catch(() => "");
      if (child.exitCode !== null) break;
    }
    expect(ready, stderr).to.equal("ok");
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).to.equal(200);
    child.kill("SIGTERM");
    expect(await exited, stderr).to.equal(0);
  });
});
