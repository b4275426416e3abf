import { expect } from "chai";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../src/paths.js";
import { planProblem, planProcesses } from "../../src/ops/cluster.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pids of a process's node children (Linux `ps`; tsx's esbuild helper is not one of ours). */
const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync("ps", ["--ppid", String(pid), "-o", "pid=,comm="], { encoding: "utf8" })
      .split("\n")
      .map((l) => l.trim().split(/\s+/))
      .filter(([, comm]) => comm === "node")
      .map(([p]) => Number(p));
  } catch {
    return []; // ps exits 1 when there are none
  }
};

describe("how many processes a start runs", () => {
  it("runs the cores' number of web processes and one worker on PostgreSQL, one process on PGlite", () => {
    const pg = { DATABASE_URL: "postgres://db/rollbook", ROLE: "all" as const, WEB_CONCURRENCY: undefined };
    expect(planProcesses(pg, 4)).to.deep.equal({ web: 4, worker: true });
    expect(planProcesses({ ...pg, WEB_CONCURRENCY: 2 }, 8)).to.deep.equal({ web: 2, worker: true });
    expect(planProcesses({ ...pg, WEB_CONCURRENCY: 1 }, 8)).to.deep.equal({ web: 1, worker: false });
    expect(planProcesses({ ...pg, ROLE: "web", WEB_CONCURRENCY: 3 }, 8)).to.deep.equal({ web: 3, worker: false });
    expect(planProcesses({ ...pg, ROLE: "worker" }, 8)).to.deep.equal({ web: 1, worker: false });
    expect(planProcesses({ ...pg, DATABASE_URL: undefined }, 8)).to.deep.equal({ web: 1, worker: false });
    expect(planProblem({ DATABASE_URL: undefined, WEB_CONCURRENCY: 2 })).to.match(/needs PostgreSQL/);
    expect(planProblem({ DATABASE_URL: undefined, WEB_CONCURRENCY: undefined })).to.equal(null);
  });
});

(TEST_DB_KIND === "postgres" ? describe : describe.skip)(
  `WEB_CONCURRENCY=2 on PostgreSQL (${TEST_DB_KIND})`,
  function () {
    this.timeout(300_000);
    let database: TestDatabase;
    let dir: string;
    let child: ChildProcess | undefined;
    before(async () => {
      database = await createTestDatabase();
      dir = mkdtempSync(join(tmpdir(), "rollbook-cluster-"));
    });
    after(async () => {
      child?.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      await database?.destroy();
    });

    it("starts two web processes and a worker on one port, replaces one that dies, and stops them all on SIGTERM", async () => {
      const port = 20000 + Math.floor(Math.random() * 20000);
      child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", join(ROOT, "src/main.ts")], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          NODE_ENV: "development",
          PORT: String(port),
          HOST: "127.0.0.1",
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          DATA_DIR: dir,
          DATABASE_URL: database.url!,
          WEB_CONCURRENCY: "2",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
      const exited = new Promise<number | null>((resolve) => child!.on("exit", (code) => resolve(code)));
      const ready = async () =>
        fetch(`http://127.0.0.1:${port}/readyz`)
          .then((r) => r.ok)
          .catch(() => false);
      for (let i = 0; i < 480 && !((await ready()) && childrenOf(child.pid!).length === 3); i++) await sleep(250);
      const first = childrenOf(child.pid!);
      expect(first, stderr).to.have.length(3); // two web processes and the job worker
      expect(await ready()).to.equal(true);

      process.kill(first[0]!, "SIGKILL");
      let now = childrenOf(child.pid!);
      for (let i = 0; i < 240 && (now.length < 3 || now.includes(first[0]!)); i++) {
        await sleep(250);
        now = childrenOf(child.pid!);
      }
      expect(now, stderr).to.have.length(3);
      expect(now).not.to.include(first[0]);
      expect(await ready()).to.equal(true);

      child.kill("SIGTERM");
      expect(await exited, stderr).to.equal(0);
      expect(childrenOf(child.pid!)).to.deep.equal([]);
      child = undefined;
    });
  },
);
