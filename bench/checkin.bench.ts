/**
 * Self check-in under load, on PostgreSQL (or PGlite with --db pglite): a lecture-hall burst (300 students of one
 * session) and a study-day peak (5,000 students across 100 open sessions, each session for its own group). Every
 * student is a phone with a tool session that opens the scanned link GET /c/<token> (rotating QR, the code of the
 * current step). All requests are fired as fast as `--concurrency` allows, a harder load than the issue's
 * "within 30 s / 60 s"; then the marks, history and attempt rows are counted to prove none was lost or doubled.
 *
 *   npm run bench -- checkin                       # PostgreSQL at TEST_DATABASE_URL or 127.0.0.1:5432
 *   npm run bench -- checkin --concurrency 32 --db pglite --only hall   (hall | peak)
 *
 * The app and this driver share one process (loopback only). Results: bench/results/checkin.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { eq, inArray, sql } from "drizzle-orm";
import "../test/support/no-network.js";
import { signLink } from "../src/checkin/checkin-link.js";
import { rotatingCode } from "../src/checkin/rotating-code.js";
import { attendanceMarkHistory, attendanceMarks, checkinAttempts } from "../src/db/schema.js";
import { startTestApp, type TestApp } from "../test/support/test-app.js";
import { percentile } from "./launch-report.js";
import { createScenario, type BenchScenario } from "./checkin-setup.js";

const { values: args } = parseArgs({ options: { concurrency: { type: "string", default: "32" }, db: { type: "string", default: "postgres" }, only: { type: "string" } } });
const CONCURRENCY = Number(args.concurrency);
if (args.db === "postgres") process.env.TEST_DATABASE_URL ||= "postgres://postgres@127.0.0.1:5432/postgres";
else delete process.env.TEST_DATABASE_URL;
const KEY = "test-encryption-key-0123456789-abcdefghij"; // startTestApp's key signs the links

interface Row {
  scenario: string;
  checkIns: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  marks: number;
  distinctMarks: number;
  history: number;
  accepted: number;
}

/** The link a student's phone would have scanned now (the projector's current code). */
async function linkOf(t: TestApp, s: { id: number; secret: string }): Promise<string> {
  return `${t.baseUrl}/c/${signLink(KEY, { sessionId: s.id, code: await rotatingCode(s.secret, new Date(), 10) })}`;
}

/** Fires every student's scan with CONCURRENCY in flight; times each request. */
async function burst(t: TestApp, sc: BenchScenario) {
  const bySession = new Map(sc.sessions.map((s) => [s.id, s]));
  const times: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < sc.students.length) {
        const st = sc.students[next++]!;
        const url = await linkOf(t, bySession.get(st.sessionId)!);
        const t0 = performance.now();
        const res = await fetch(url, { headers: { cookie: st.cookie, accept: "application/json" } });
        const body = (await res.json()) as { outcome?: string; error?: { code: string } };
        if (res.status === 200 && body.outcome === "accepted") times.push(performance.now() - t0);
        else errors.push(`${res.status} ${body.error?.code ?? body.outcome}`);
      }
    }),
  );
  return { times, errors, seconds: (performance.now() - started) / 1000 };
}

async function count(t: TestApp, sessionIds: number[]) {
  const db = t.database.db;
  const [m] = await db.select({ n: sql<number>`count(*)::int`, d: sql<number>`count(distinct (${attendanceMarks.sessionId}, ${attendanceMarks.userId}))::int` }).from(attendanceMarks).where(inArray(attendanceMarks.sessionId, sessionIds));
  const [h] = await db.select({ n: sql<number>`count(*)::int` }).from(attendanceMarkHistory).where(inArray(attendanceMarkHistory.sessionId, sessionIds));
  const [a] = await db.select({ n: sql<number>`count(*)::int` }).from(checkinAttempts).where(sql`${inArray(checkinAttempts.sessionId, sessionIds)} and ${eq(checkinAttempts.outcome, "accepted")}`);
  return { marks: m!.n, distinctMarks: m!.d, history: h!.n, accepted: a!.n };
}

async function run(t: TestApp, name: string, sessions: number, perSession: number): Promise<Row> {
  const sc = await createScenario(t.database.db, name, sessions, perSession, new Date());
  const r = await burst(t, sc);
  if (r.errors.length) process.stderr.write(`${name}: ${r.errors.length} errors, e.g. ${[...new Set(r.errors)].slice(0, 3).join(", ")}\n`);
  const sorted = r.times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { scenario: name, checkIns: sorted.length, errors: r.errors.length, seconds: round(r.seconds), perSecond: round(sorted.length / r.seconds), p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1) ?? NaN), ...(await count(t, sc.sessions.map((s) => s.id))) };
}

async function main(): Promise<void> {
  const t = await startTestApp();
  try {
    const rows: Row[] = [];
    if (args.only !== "peak") rows.push(await run(t, "lecture hall (300 × 1 session)", 1, 300));
    if (args.only !== "hall") rows.push(await run(t, "study-day peak (5,000 × 100 sessions)", 100, 50));
    const cols = Object.keys(rows[0]!) as (keyof Row)[];
    process.stdout.write(`${cols.join(" | ")}\n${rows.map((r) => cols.map((c) => String(r[c])).join(" | ")).join("\n")}\n`);
    const note = `${args.db}, ${CONCURRENCY} in flight, ${availableParallelism()} CPUs (load ${loadavg()[0]?.toFixed(1)}), Node ${process.versions.node}, app and driver in one process under tsx.`;
    process.stdout.write(`${note}\n`);
    const dir = join(import.meta.dirname, "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "checkin.json"), `${JSON.stringify({ date: new Date().toISOString(), database: args.db, concurrency: CONCURRENCY, cpus: availableParallelism(), loadAverage: loadavg(), rows }, null, 2)}\n`);
  } finally {
    await t.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
