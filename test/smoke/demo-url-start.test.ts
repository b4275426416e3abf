import { expect } from "chai";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../src/paths.js";

/** Starts src/main.ts with PORT (and maybe PUBLIC_URL), waits for /readyz, reads the demo's hand-off, stops it. */
async function start(cwd: string, vars: Record<string, string>) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "development",
    ROLE: "web",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    DATA_DIR: "data",
    PORT: String(port),
    ...vars,
  };
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", join(ROOT, "src/main.ts")], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let ready = false;
  for (let i = 0; i < 720 && !ready && child.exitCode === null; i++) {
    await new Promise((r) => setTimeout(r, 250));
    ready = await fetch(`http://127.0.0.1:${port}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
  }
  let handoff = "";
  if (ready) {
    // the demo's "Launch as lecturer": its hand-off form posts to PUBLIC_URL/lti/login
    const start = await fetch(`http://127.0.0.1:${port}/`);
    const cookie = start.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await start.text())?.[1] ?? "";
    const res = await fetch(`http://127.0.0.1:${port}/demo/launch`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, user: "demo-lecturer" }),
    });
    handoff = /action="([^"]+)"/.exec(await res.text())?.[1] ?? "";
    await new Promise((r) => setTimeout(r, 1500)); // the reachability probe runs right after listening
  }
  if (child.exitCode === null) child.kill("SIGTERM");
  await exited;
  return { port, ready, out, handoff };
}

describe("PORT without PUBLIC_URL, and the start-up warning for the demo", function () {
  this.timeout(480_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "rollbook-port-"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("moves the demo with PORT when PUBLIC_URL is unset, and warns about nothing", async () => {
    const run = await start(dir, {});
    expect(run.ready, run.out).to.equal(true);
    expect(run.handoff).to.equal(`http://localhost:${run.port}/lti/login`);
    expect(run.out).not.to.include("the demo's launches");
  });

  it("warns at start when a loopback PUBLIC_URL names another port", async () => {
    const run = await start(dir, { PUBLIC_URL: "http://localhost:1" });
    expect(run.ready, run.out).to.equal(true);
    expect(run.out).to.include("the demo's launches will not reach it");
  });
});
