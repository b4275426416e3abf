/**
 * Full LTI 1.3 launches per second (login, auth.php, launch POST, ltik GET, first page), their median and p95, and
 * the app's resident memory after start and after the launches, on PGlite and on PostgreSQL.
 *
 *   npm run bench                      # both databases, 1,000 launches each, 16 in flight
 *   npm run bench -- --only postgres --launches 300 --concurrency 8 --cpu-prof
 *   npm run bench -- --compiled        # the app as plain JavaScript built by tsc (as in production), not under tsx
 *
 * The app runs in a child process (bench/launch-server.ts); this process is the Moodle (test/support's LTI
 * platform, which signs the id_tokens) and the browsers. Loopback only. Results: bench/results/launches.json.
 */
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import "../test/support/no-network.js";
import { testDatabaseUrl } from "../src/env.js";
import { startTestPlatform, type TestPlatform } from "../test/support/lti-platform.js";
import { CookieJar, launchOnce, type VirtualUser } from "./launch-client.js";
import { benchRow, formatTable, type BenchRow } from "./launch-report.js";
import type { ServerReply, ServerRequest } from "./launch-server.js";
import { ipcReplies } from "./child-ipc.js";

const { values: args } = parseArgs({
  options: {
    launches: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "16" },
    "time-limit": { type: "string", default: "120" },
    only: { type: "string" },
    "cpu-prof": { type: "boolean", default: false },
    compiled: { type: "boolean", default: false },
  },
});
const LAUNCHES = Number(args.launches);
const CONCURRENCY = Number(args.concurrency);
const TIME_LIMIT_MS = Number(args["time-limit"]) * 1000;
const RESULTS = join(import.meta.dirname, "results");
const POSTGRES_URL = testDatabaseUrl() ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ROOT = join(import.meta.dirname, "..");
/** Where --compiled builds the app (under dist/, so src/paths.ts still finds the repository root above it). */
const COMPILED = join(ROOT, "dist", "bench-build");

/** The app process's entry and the Node flags it needs: the TypeScript source under tsx, or tsc's output. */
function serverEntry(): { file: string; execArgv: string[] } {
  if (!args.compiled)
    return {
      file: join(import.meta.dirname, "launch-server.ts"),
      execArgv: ["--conditions=source", "--import", "tsx"],
    };
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.json"), "--outDir", COMPILED],
    { stdio: "inherit" },
  );
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "moodle-ws-client/tsconfig.build.json")],
    { stdio: "inherit" },
  );
  // Plain JavaScript, as in production: moodle-ws-client from its built dist/.
  return { file: join(COMPILED, "bench", "launch-server.js"), execArgv: [] };
}

/** The next reply of the given type from the app process; a "failed" reply or its exit rejects. */
const reply = ipcReplies<ServerReply, ServerRequest>();

/** Asks the app process to close its database and exit; kills it if it has not after 10 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (child.connected) child.send({ type: "stop" } satisfies ServerRequest);
  const timer = setTimeout(() => child.kill(), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Virtual user i: a quarter are the lecturer, the rest students 4..9 of the test course, each with its own cookies. */
function virtualUser(i: number): VirtualUser {
  const students = ["4", "5", "6", "7", "8", "9"];
  return i % 4 === 0
    ? { jar: new CookieJar(), kind: "instructor", userId: "3" }
    : { jar: new CookieJar(), kind: "learner", userId: students[i % 6] ?? "4" };
}

/** Runs `total` launches with `CONCURRENCY` in flight (fewer if the time limit comes first). */
async function drive(toolUrl: string, platform: TestPlatform, total: number) {
  const times: number[] = [];
  const errors: string[] = [];
  let issued = 0;
  const started = performance.now();
  const deadline = started + TIME_LIMIT_MS;
  const users = Array.from({ length: CONCURRENCY }, (_, i) => virtualUser(i));
  await Promise.all(
    users.map(async (vu) => {
      while (issued < total && performance.now() < deadline) {
        issued++;
        const t0 = performance.now();
        try {
          await launchOnce(toolUrl, platform, vu);
          times.push(performance.now() - t0);
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
    }),
  );
  return { times, errors, seconds: (performance.now() - started) / 1000 };
}

/** Starts the app on one database, registers the test Moodle, warms up with the course's first launch, measures. */
async function benchDatabase(
  name: "pglite" | "postgres",
  entry: { file: string; execArgv: string[] },
): Promise<BenchRow> {
  const execArgv = [
    ...entry.execArgv,
    "--expose-gc",
    ...(args["cpu-prof"]
      ? [
          "--cpu-prof",
          `--cpu-prof-dir=${join(RESULTS, "profiles")}`,
          `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`,
        ]
      : []),
  ];
  const env = { ...process.env, TEST_DATABASE_URL: name === "postgres" ? POSTGRES_URL : "" };
  const child = fork(entry.file, [], { execArgv, env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let platform: TestPlatform | undefined;
  try {
    const ready = await reply(child, "ready");
    platform = await startTestPlatform({ toolUrl: ready.baseUrl });
    const { issuer, clientId, authEndpoint, tokenEndpoint, jwksUrl } = platform;
    await reply(child, "registered", {
      type: "register",
      platform: { name: "Bench Moodle", issuer, clientId, authEndpoint, tokenEndpoint, jwksUrl },
    });
    const atStart = await reply(child, "memory", { type: "memory" });
    await launchOnce(ready.baseUrl, platform, virtualUser(0)); // the course's first launch also fetches its roster
    const before = await reply(child, "memory", { type: "memory" });
    const driverBefore = process.cpuUsage();
    const run = await drive(ready.baseUrl, platform, LAUNCHES);
    const driverCpu = process.cpuUsage(driverBefore);
    const atEnd = await reply(child, "memory", { type: "memory" });
    if (run.errors.length)
      process.stderr.write(
        `${name}: ${run.errors.length} failed launches, e.g.\n  ${[...new Set(run.errors)].slice(0, 3).join("\n  ")}\n`,
      );
    return benchRow(ready.database, run, { atStart, before, atEnd }, driverCpu);
  } finally {
    await stopServer(child);
    await platform?.close();
  }
}

async function main(): Promise<void> {
  const databases = (["pglite", "postgres"] as const).filter((d) => !args.only || args.only === d);
  const rows: BenchRow[] = [];
  const entry = serverEntry();
  for (const database of databases) {
    process.stdout.write(`${database}: ${LAUNCHES} launches, ${CONCURRENCY} in flight...\n`);
    rows.push(await benchDatabase(database, entry));
  }
  const note = `${CONCURRENCY} launches in flight, ${availableParallelism()} CPUs (load average ${loadavg()[0]?.toFixed(1)} at the end), Node ${process.versions.node}; the app in its own process (${args.compiled ? "compiled JavaScript" : "TypeScript under tsx"}), the platform and browsers in this one.`;
  process.stdout.write(`${formatTable(rows, LAUNCHES)}\n${note}\n`);
  mkdirSync(RESULTS, { recursive: true });
  const meta = {
    date: new Date().toISOString(),
    node: process.versions.node,
    cpus: availableParallelism(),
    concurrency: CONCURRENCY,
    compiled: args.compiled,
    loadAverage: loadavg(),
  };
  writeFileSync(join(RESULTS, "launches.json"), `${JSON.stringify({ ...meta, rows }, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
