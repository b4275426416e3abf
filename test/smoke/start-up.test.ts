import { expect } from "chai";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../src/paths.js";

interface Run {
  code: number | null;
  stderr: string;
  ready: boolean;
}

/** Starts src/main.ts in `cwd` with these variables, waits for /readyz (or the exit), then stops it. */
async function start(cwd: string, vars: Record<string, string>): Promise<Run> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "development",
    ROLE: "web",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "warn",
    ...vars,
  };
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", join(ROOT, "src/main.ts")], {
    cwd,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let ready = false;
  // a first start migrates a new embedded database: on a loaded 2-core machine that took over a minute
  for (let i = 0; i < 480 && !ready && child.exitCode === null; i++) {
    await new Promise((r) => setTimeout(r, 250));
    ready = await fetch(`http://127.0.0.1:${port}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
  }
  if (child.exitCode === null) child.kill("SIGTERM");
  return { code: await exited, stderr, ready };
}

/** A new user's first starts: each DATA_DIR has its own database, and a wrong key says so in one sentence. */
describe("starting Rollbook with its data folders", function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "rollbook-start-"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules")); // `--import tsx` resolves from the folder
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("starts twice in one folder with two DATA_DIRs, each with its own embedded database", async () => {
    const first = await start(dir, { DATA_DIR: "one" });
    expect(first.ready, first.stderr).to.equal(true);
    const second = await start(dir, { DATA_DIR: "two" });
    expect(second.ready, second.stderr).to.equal(true);
    expect(existsSync(join(dir, "one/pglite"))).to.equal(true);
    expect(existsSync(join(dir, "two/pglite"))).to.equal(true);
    expect(existsSync(join(dir, "data"))).to.equal(false);
  });

  it("stops with one clear line when the key does not open the data folder's database", async () => {
    const run = await start(dir, { DATA_DIR: "one", ENCRYPTION_KEY: "a-different-key-of-at-least-32-characters" });
    expect(run.ready).to.equal(false);
    expect(run.code).to.equal(78);
    const lines = run.stderr.trim().split("\n");
    expect(lines, run.stderr).to.have.length(1);
    expect(lines[0]).to.contain("Rollbook cannot start: the encryption key (ENCRYPTION_KEY) does not open the data");
    expect(lines[0]).to.contain(join("one", "pglite"));
    expect(run.stderr).not.to.contain("bad decrypt");
  });
});
