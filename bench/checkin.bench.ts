/**
 * Self check-in under load, on PostgreSQL (or PGlite with --db pglite): a lecture-hall burst (300 students of one
 * session) and a study-day peak (5,000 students across 100 open sessions, each session for its own group). Every
 * student is a phone with a tool session that opens the scanned link GET /c/<token> (rotating QR, the code of the
 * current step). All requests are fired as fast as `--concurrency` allows, a harder load than the issue's
 * "within 30 s / 60 s"; then the marks, history and attempt rows are counted to prove none was lost or doubled.
 *
 *   npm run bench -- checkin                       # PostgreSQL at TEST_DATABASE_URL or 127.0.0.1:5432
 *   npm run bench -- checkin --concurrency 32 --db pglite --only hall   (hall | peak)
 *   npm run bench -- checkin --cpu-prof            # the app's CPU profile into bench/results/profiles/
 *
 * The app runs in its own process (bench/checkin-server.ts), this driver in another, both on this machine. A
 * warm-up burst of 300 check-ins (not counted) runs first, so the figures are of a warm process, as in a lecture
 * that starts hours after the server. Results: bench/results/checkin.json.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { signLink } from "../src/checkin/checkin-link.js";
import { rotatingCode } from "../src/checkin/rotating-code.js";
import type { BenchScenario } from "../test/support/checkin-scenario.js";
import { scanAsPhone } from "../test/support/phone-scan.js";
import type { CheckinServerReply, CheckinServerRequest, RowCounts } from "./checkin-server.js";
import { percentile } from "./launch-report.js";
import { ipcReplies } from "./child-ipc.js";

const { values: args } = parseArgs({
  options: {
    concurrency: { type: "string", default: "32" },
    db: { type: "string", default: "postgres" },
    only: { type: "string" },
    "cpu-prof": { type: "boolean", default: false },
  },
});
const CONCURRENCY = Number(args.concurrency);
const KEY = "test-encryption-key-0123456789-abcdefghij"; // startTestApp's key signs the links

interface Row extends RowCounts {
  scenario: string;
  checkIns: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The app process's CPU time per check-in (user + system), ms. */
  appCpuMs: number;
  /** PostgreSQL's CPU time per check-in (when the server is on this machine), ms. */
  dbCpuMs: number | null;
  /** The share of this virtual machine's CPU time the host took for others during the burst (Linux "steal"), %. */
  stealPct: number | null;
}

/** The next reply of the given type from the app process; a "failed" reply or its exit rejects. */
const reply = ipcReplies<CheckinServerReply, CheckinServerRequest>();

/** Steal and total CPU ticks so far (Linux /proc/stat), or null elsewhere. */
function cpuTicks(): { steal: number; total: number } | null {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return { steal: f[7]!, total: f.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/** The link a student's phone would have scanned now (the projector's current code). */
async function linkOf(baseUrl: string, s: { id: number; secret: string }): Promise<string> {
  return `${baseUrl}/c/${signLink(KEY, { sessionId: s.id, code: await rotatingCode(s.secret, new Date(), 10) })}`;
}

/** Fires every student's scan with CONCURRENCY in flight; times each request. */
async function burst(baseUrl: string, sc: BenchScenario) {
  const bySession = new Map(sc.sessions.map((s) => [s.id, s]));
  const times: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < sc.students.length) {
        const st = sc.students[next++]!;
        const url = await linkOf(baseUrl, bySession.get(st.sessionId)!);
        const t0 = performance.now();
        const res = await scanAsPhone(url, st.cookie);
        const body = JSON.parse(res.text) as { outcome?: string; error?: { code: string } };
        if (res.status === 200 && body.outcome === "accepted") times.push(performance.now() - t0);
        else errors.push(`${res.status} ${body.error?.code ?? body.outcome}`);
      }
    }),
  );
  return { times, errors, seconds: (performance.now() - started) / 1000 };
}

const round = (n: number) => Math.round(n * 10) / 10;

async function run(
  child: ChildProcess,
  baseUrl: string,
  name: string,
  sessions: number,
  perSession: number,
): Promise<Row> {
  const { scenario } = await reply(child, "scenario", { type: "scenario", name, sessions, perSession });
  const cpuBefore = await reply(child, "cpu", { type: "cpu" });
  const ticksBefore = cpuTicks();
  const r = await burst(baseUrl, scenario);
  const ticksAfter = cpuTicks();
  const cpuAfter = await reply(child, "cpu", { type: "cpu" });
  const stealPct =
    ticksBefore && ticksAfter && ticksAfter.total > ticksBefore.total
      ? round((100 * (ticksAfter.steal - ticksBefore.steal)) / (ticksAfter.total - ticksBefore.total))
      : null;
  if (r.errors.length)
    process.stderr.write(`${name}: ${r.errors.length} errors, e.g. ${[...new Set(r.errors)].slice(0, 3).join(", ")}\n`);
  const sorted = r.times.sort((a, b) => a - b);
  const requests = Math.max(1, sorted.length + r.errors.length);
  const { counts } = await reply(child, "count", { type: "count", sessionIds: scenario.sessions.map((s) => s.id) });
  return {
    scenario: name,
    checkIns: sorted.length,
    errors: r.errors.length,
    seconds: round(r.seconds),
    perSecond: round(sorted.length / r.seconds),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? NaN),
    appCpuMs: round((cpuAfter.cpuMs - cpuBefore.cpuMs) / requests),
    dbCpuMs:
      cpuAfter.postgresCpuMs === null || cpuBefore.postgresCpuMs === null
        ? null
        : round((cpuAfter.postgresCpuMs - cpuBefore.postgresCpuMs) / requests),
    stealPct,
    ...counts,
  };
}

async function main(): Promise<void> {
  const env = { ...process.env };
  if (args.db === "postgres") env.TEST_DATABASE_URL ||= "postgres://postgres@127.0.0.1:5432/postgres";
  else delete env.TEST_DATABASE_URL;
  const child = fork(join(import.meta.dirname, "checkin-server.ts"), [], {
    execArgv: [
      "--conditions=source",
      "--import",
      "tsx",
      ...(args["cpu-prof"]
        ? [
            "--cpu-prof",
            `--cpu-prof-dir=${join(import.meta.dirname, "results", "profiles")}`,
            `--cpu-prof-name=checkin-${Date.now()}.cpuprofile`,
          ]
        : []),
    ],
    env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const { baseUrl } = await reply(child, "ready");
    await run(child, baseUrl, "warm-up", 1, 300);
    const rows: Row[] = [];
    if (args.only !== "peak") rows.push(await run(child, baseUrl, "lecture hall (300 × 1 session)", 1, 300));
    if (args.only !== "hall") rows.push(await run(child, baseUrl, "study-day peak (5,000 × 100 sessions)", 100, 50));
    const cols = Object.keys(rows[0]!) as (keyof Row)[];
    process.stdout.write(
      `${cols.join(" | ")}\n${rows.map((r) => cols.map((c) => String(r[c])).join(" | ")).join("\n")}\n`,
    );
    const note = `${args.db}, ${CONCURRENCY} in flight, ${availableParallelism()} CPUs (load ${loadavg()[0]?.toFixed(1)}), Node ${process.versions.node}; the app in its own process under tsx, the driver in another.`;
    process.stdout.write(`${note}\n`);
    const dir = join(import.meta.dirname, "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "checkin.json"),
      `${JSON.stringify({ date: new Date().toISOString(), database: args.db, concurrency: CONCURRENCY, cpus: availableParallelism(), loadAverage: loadavg(), note, rows }, null, 2)}\n`,
    );
  } finally {
    if (child.connected) child.send({ type: "stop" } satisfies CheckinServerRequest);
    await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(null)));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
