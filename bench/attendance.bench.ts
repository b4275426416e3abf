/**
 * Attendance at size: a course of 300 students x 60 sessions (18,000 marks), and a second activity with
 * 300 x 334 sessions (100,200 marks) for the exports.
 *
 *   npm run bench -- attendance                    # on PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432)
 *   npm run bench -- attendance --db pglite --rounds 20
 *   npm run bench -- attendance --skip-exports     # the report and the register only
 *
 * Measured over loopback HTTP through the real app (a launched lecturer's session): the report page (median,
 * p95), saving a full 300-student register where every row changes (median, p95), and the CSV and XLSX exports
 * of 100,200 marks in both shapes (time, bytes, and this process's peak RSS sampled every 10 ms, above the
 * baseline after a GC). The app, the database driver and the downloading client share this process, so the
 * peak is an upper bound for the app. Results: bench/results/attendance.json.
 */
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CookieAccessInfo } from "cookiejar";
import { eq } from "drizzle-orm";
import { activities, attendanceMarks } from "../src/db/schema.js";
import "../test/support/no-network.js";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "postgres" },
    rounds: { type: "string", default: "30" },
    "skip-exports": { type: "boolean", default: false },
  },
});
if (args.db === "postgres") process.env.TEST_DATABASE_URL ||= "postgres://postgres@127.0.0.1:5432/postgres";
else delete process.env.TEST_DATABASE_URL;
const ROUNDS = Math.min(Math.max(Number(args.rounds) || 30, 3), 200);

const { startTestApp } = await import("../test/support/test-app.js");
const { registeredPlatform } = await import("../test/support/registered-platform.js");
const { launchAs, postForm } = await import("../test/attendance/launch.js");
const { seedMarks, seedStudents } = await import("./attendance-seed.js");

const ms = (t0: number) => performance.now() - t0;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(Math.ceil((p / 100) * xs.length) - 1, xs.length - 1)]!;
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

/** Downloads a URL with the session's cookies, counting bytes, while sampling this process's RSS. */
function download(
  url: string,
  cookie: string,
): Promise<{ ms: number; bytes: number; peakRssMb: number; baseRssMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    get(url, { headers: { cookie } }, (res) => {
      let bytes = 0;
      if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () => {
        clearInterval(sampler);
        resolve({ ms: Math.round(ms(t0)), bytes, peakRssMb: mb(peak), baseRssMb: mb(base) });
      });
    }).on("error", reject);
  });
}

type Measured = Awaited<ReturnType<typeof download>>;

/** One export run alone in a child process (PostgreSQL only: an in-memory PGlite cannot be shared). */
function exportInChild(
  url: string,
  courseId: number,
  activityId: number,
  format: string,
  shape: string,
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(
      join(import.meta.dirname, "attendance-export-child.ts"),
      [url, String(courseId), String(activityId), format, shape],
      {
        execArgv: ["--conditions=source", "--import", "tsx", "--expose-gc"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      },
    );
    const timer = setTimeout(() => child.kill(), 300_000);
    child.once("message", (m) => resolve(m as Measured));
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`export child exited ${code}`));
    });
  });
}

async function main(): Promise<void> {
  const t = await startTestApp();
  const moodle = await registeredPlatform(t);
  try {
    t.clock.set(new Date("2026-06-01T12:00:00Z"));
    const lecturer = await launchAs(t, moodle, "instructor");
    const db = t.database.db;
    const [activity] = await db.select().from(activities).where(eq(activities.id, lecturer.activityId));
    const students = await seedStudents(db, activity!.courseId, 300);
    let t0 = performance.now();
    const { sessionIds, statusIds } = await seedMarks(db, lecturer.activityId, students, 60);
    // a second resource link of the same course (its own launch: a session belongs to one activity)
    const bigLaunch = await launchAs(t, moodle, "instructor", {
      "https://purl.imsglobal.org/spec/lti/claim/resource_link": { id: "rl-bench-big", title: "Lielais" },
    });
    const big = bigLaunch.activityId;
    await seedMarks(db, big, students, 334);
    process.stdout.write(
      `${t.database.kind}: seeded ${students.length} students, 18,000 + 100,200 marks in ${Math.round(ms(t0))} ms\n`,
    );

    const base = `/activities/${lecturer.activityId}/attendance`;
    const report: number[] = [];
    for (let i = 0; i < ROUNDS + 3; i++) {
      t0 = performance.now();
      await lecturer.agent.get(`${base}/report`).expect(200);
      if (i >= 3) report.push(ms(t0));
    }
    const save: number[] = [];
    const register = `${base}/sessions/${sessionIds[0]}/marks`;
    let shown = statusIds.P!;
    await db.update(attendanceMarks).set({ statusId: shown }).where(eq(attendanceMarks.sessionId, sessionIds[0]!)); // every row starts at P
    for (let i = 0; i < ROUNDS + 2; i++) {
      const next = shown === statusIds.P ? statusIds.L! : statusIds.P!;
      const form: Record<string, string> = {};
      for (const u of students)
        Object.assign(form, { [`s_${u}`]: String(next), [`o_${u}`]: String(shown), [`r_${u}`]: "", [`or_${u}`]: "" });
      t0 = performance.now();
      const res = await postForm(lecturer, register, form).set("Accept", "application/json");
      if (res.status !== 200) throw new Error(`register save: ${res.status} ${res.text.slice(0, 300)}`);
      if (i >= 2) save.push(ms(t0));
      if ((res.body as { changed: number }).changed !== students.length)
        throw new Error(`saved ${(res.body as { changed: number }).changed} rows, wanted ${students.length}`);
      shown = next;
    }

    const cookie = (
      bigLaunch.agent as unknown as { jar: { getCookies(a: CookieAccessInfo): { name: string; value: string }[] } }
    ).jar
      .getCookies(CookieAccessInfo.All)
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    const exports: Record<string, Awaited<ReturnType<typeof download>>> = {};
    for (const [name, path] of args["skip-exports"]
      ? []
      : ([
          ["csv tidy", "export.csv?shape=tidy"],
          ["xlsx tidy", "export.xlsx?shape=tidy"],
          ["csv wide", "export.csv?shape=wide"],
          ["xlsx wide", "export.xlsx?shape=wide"],
        ] as const)) {
      exports[name] = await download(`${t.baseUrl}/activities/${big}/attendance/${path}`, cookie);
    }

    const alone: Record<string, Measured> = {};
    if (t.database.url && !args["skip-exports"])
      for (const [format, shape] of [
        ["csv", "tidy"],
        ["xlsx", "tidy"],
      ] as const)
        alone[`${format} ${shape}`] = await exportInChild(t.database.url, activity!.courseId, big, format, shape);

    const figures = {
      database: t.database.kind,
      reportMs: { median: Math.round(pct(report, 50)), p95: Math.round(pct(report, 95)), rounds: report.length },
      registerSaveMs: {
        median: Math.round(pct(save, 50)),
        p95: Math.round(pct(save, 95)),
        rounds: save.length,
        students: students.length,
      },
      exports100k: exports,
      exports100kInOwnProcess: alone,
      loadAverage: loadavg(),
    };
    const lines = [
      `report page, 300 x 60 (18,000 marks): median ${figures.reportMs.median} ms, p95 ${figures.reportMs.p95} ms (${report.length} requests)`,
      `register save, 300 rows changed: median ${figures.registerSaveMs.median} ms, p95 ${figures.registerSaveMs.p95} ms (${save.length} saves)`,
      ...Object.entries(exports).map(
        ([k, e]) =>
          `export ${k.padEnd(9)} 100,200 marks over HTTP: ${String(e.ms).padStart(6)} ms, ${mb(e.bytes)} MB, peak RSS of the whole bench process ${e.peakRssMb} MB (baseline ${e.baseRssMb} MB)`,
      ),
      ...Object.entries(alone).map(
        ([k, e]) =>
          `export ${k.padEnd(9)} 100,200 marks in its own process: ${String(e.ms).padStart(6)} ms, ${mb(e.bytes)} MB, peak RSS ${e.peakRssMb} MB (baseline ${e.baseRssMb} MB)`,
      ),
    ];
    process.stdout.write(
      `${lines.join("\n")}\n${availableParallelism()} CPUs (load average ${loadavg()[0]?.toFixed(1)}), Node ${process.versions.node}, ${t.database.kind}\n`,
    );
    const results = join(import.meta.dirname, "results");
    mkdirSync(results, { recursive: true });
    writeFileSync(
      join(results, `attendance-${t.database.kind}.json`),
      `${JSON.stringify({ date: new Date().toISOString(), node: process.versions.node, cpus: availableParallelism(), ...figures }, null, 2)}\n`,
    );
  } finally {
    t.clock.set(null);
    await moodle.close();
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
