/**
 * Study days, measured (issue 6): a 2,000-class semester imported, planned and given Zoom hosts; the PDF of a
 * 60-class day; 200 classes of one day given Zoom meetings (fake Zoom) and published (fake Moodle, 4 classes at a
 * time), on PGlite and on PostgreSQL.
 *
 *   npm run bench -- planning                        # both databases
 *   npm run bench -- planning --only pglite --classes 2000 --day 200
 *
 * Everything runs in this process over loopback: the fakes are the ones the tests use. Results: bench/results/planning.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import "../test/support/no-network.js";
import { MoodleClient } from "moodle-ws-client";
import { startFakeMoodle } from "../moodle-ws-client/test/support/fake-moodle.js";
import { testDatabaseUrl } from "../src/env.js";
import { translator } from "../src/i18n/i18n.js";
import { assignHosts } from "../src/planning/assign-hosts.js";
import { importSchedule } from "../src/planning/import/import-schedule.js";
import { getDayPlanPdf } from "../src/planning/pdf/get-day-plan-pdf.js";
import { renderDayPlanPdf } from "../src/planning/pdf/render-day-plan-pdf.js";
import { presentDay } from "../src/planning/present.js";
import { publishDay } from "../src/planning/publish/publish-day.js";
import { listDayClasses, listPlanDates, listZoomHosts } from "../src/planning/queries.js";
import { placeDayHosts } from "../src/planning/zoom/place-day-hosts.js";
import { syncDayMeetings } from "../src/planning/zoom/sync-day-meetings.js";
import { createZoomClient } from "../src/planning/zoom/zoom-client.js";
import { coordinator } from "../test/planning/fixtures.js";
import { publishingWorld } from "../test/planning/publish-fake-moodle.js";
import { startFakeZoom } from "../test/support/fake-zoom.js";
import { createTestDatabase } from "../test/support/test-database.js";
import { seedDay, seedPlatform, semesterCsv, semesterDates } from "./planning-world.js";

const { values: args } = parseArgs({
  options: {
    classes: { type: "string", default: "2000" },
    dates: { type: "string", default: "16" },
    day: { type: "string", default: "200" },
    only: { type: "string" },
  },
});
const CLASSES = Number(args.classes);
const DAY = Number(args.day);
const POSTGRES_URL = testDatabaseUrl() ?? "postgres://postgres@127.0.0.1:5432/postgres";
const NOW = new Date("2026-09-01T10:00:00Z");
const actor = coordinator({ platformId: "bench", locale: "lv" });

/** One measured step: what, how many items, how long, items per second, and the aim when it has one. */
interface Figure {
  database: string;
  step: string;
  items: number;
  ms: number;
  perSecond: number;
  aim: string;
}

const figures: Figure[] = [];
async function measure<T>(
  database: string,
  step: string,
  items: number,
  aim: string,
  run: () => Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  const result = await run();
  const ms = performance.now() - t0;
  figures.push({
    database,
    step,
    items,
    ms: Math.round(ms * 10) / 10,
    perSecond: Math.round((items / ms) * 1000),
    aim,
  });
  process.stdout.write(`  ${step}: ${ms.toFixed(1)} ms\n`);
  return result;
}

/** The semester: import (new, then unchanged), every day's plan, the assignment (pure, and saved per day). */
async function semester(db: Parameters<typeof importSchedule>[0], kind: string): Promise<void> {
  const dates = semesterDates(Number(args.dates));
  const csv = semesterCsv(CLASSES, dates);
  const first = await measure(kind, `import ${CLASSES} classes (new)`, CLASSES, "", () =>
    importSchedule(db, actor, csv, NOW),
  );
  if (!first.ok || first.created !== CLASSES) throw new Error(`import failed: ${JSON.stringify(first).slice(0, 500)}`);
  await measure(kind, `re-import the same file (unchanged)`, CLASSES, "", () => importSchedule(db, actor, csv, NOW));
  const hosts = await listZoomHosts(db, actor.platformId);
  const days = await measure(kind, `plan every day (${dates.length} days)`, CLASSES, "< 1 s", async () => {
    const planDates = await listPlanDates(db, actor.platformId);
    const planned = await Promise.all(planDates.map((d) => listDayClasses(db, actor.platformId, d.classDate)));
    for (const [i, rows] of planned.entries()) presentDay(planDates[i]!.classDate, rows, hosts, "Europe/Riga");
    return planned;
  });
  const online = days.flat().filter((c) => c.isOnline);
  await measure(kind, `assign hosts, pure (${online.length} online classes)`, online.length, "< 1 s", async () => {
    const plan = assignHosts(
      online.map((c) => ({ id: c.id, startsAt: c.startsAt, endsAt: c.endsAt })),
      hosts,
    );
    if (plan.unplaced.length) throw new Error(`${plan.unplaced.length} classes found no host`);
  });
  await measure(kind, `assign hosts and save, every day`, online.length, "< 1 s", async () => {
    for (const day of days) await placeDayHosts(db, day, hosts, NOW);
  });
}

/** A 60-class day's PDF: rendering alone (median of 5), and with its queries as the download does it. */
async function pdf(db: Parameters<typeof importSchedule>[0], kind: string): Promise<void> {
  await seedDay(db, actor.platformId, "2027-01-09", 60, true);
  const view = presentDay(
    "2027-01-09",
    await listDayClasses(db, actor.platformId, "2027-01-09"),
    await listZoomHosts(db, actor.platformId),
    "Europe/Riga",
  );
  const input = {
    classDate: "2027-01-09",
    classes: view.online,
    t: translator("lv"),
    locale: "lv" as const,
    zone: "Europe/Riga",
    now: NOW,
  };
  await renderDayPlanPdf(input); // warm: fonts read and parsed once
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await renderDayPlanPdf(input);
    times.push(performance.now() - t0);
  }
  const median = times.sort((a, b) => a - b)[2]!;
  figures.push({
    database: kind,
    step: "PDF of a 60-class day (render, median of 5)",
    items: 60,
    ms: Math.round(median * 10) / 10,
    perSecond: Math.round((60 / median) * 1000),
    aim: "< 2 s",
  });
  process.stdout.write(`  PDF render: ${median.toFixed(1)} ms\n`);
  await measure(kind, "PDF of a 60-class day (download: queries + render)", 60, "< 2 s", () =>
    getDayPlanPdf(db, actor.platformId, "2027-01-09", "lv", NOW),
  );
}

/** One day of `DAY` classes: Zoom meetings created at the fake Zoom, then published to the fake Moodle. */
async function publishing(db: Parameters<typeof importSchedule>[0], kind: string): Promise<void> {
  const zoom = await startFakeZoom();
  const moodle = await startFakeMoodle();
  publishingWorld(moodle);
  try {
    await seedDay(db, actor.platformId, "2027-01-16", DAY, false);
    const client = createZoomClient({ ...zoom.credentials, apiUrl: zoom.apiUrl, oauthUrl: zoom.oauthUrl });
    const synced = await measure(kind, `Zoom meetings for ${DAY} classes (one at a time)`, DAY, "", () =>
      syncDayMeetings(db, actor, "2027-01-16", client, NOW),
    );
    if (synced.ok !== DAY) throw new Error(`Zoom: ${JSON.stringify(synced).slice(0, 300)}`);
    const moodleClient = new MoodleClient({ baseUrl: moodle.baseUrl, token: moodle.token, retries: 0 });
    const published = await measure(
      kind,
      `publish ${DAY} classes to Moodle (4 at a time) + announcement`,
      DAY,
      "",
      () => publishDay(db, actor, "2027-01-16", moodleClient, { now: NOW }),
    );
    if (published.published !== DAY || published.announcement.status !== "published")
      throw new Error(`Moodle: ${JSON.stringify(published).slice(0, 300)}`);
  } finally {
    await zoom.close();
    await moodle.close();
  }
}

async function benchDatabase(kind: "pglite" | "postgres"): Promise<void> {
  process.env.TEST_DATABASE_URL = kind === "postgres" ? POSTGRES_URL : "";
  process.stdout.write(`${kind}:\n`);
  const database = await createTestDatabase();
  try {
    await seedPlatform(database.db, actor.platformId, 50, 2);
    await semester(database.db, kind);
    await pdf(database.db, kind);
    await publishing(database.db, kind);
  } finally {
    await database.destroy();
  }
}

async function main(): Promise<void> {
  for (const kind of (["pglite", "postgres"] as const).filter((d) => !args.only || args.only === d))
    await benchDatabase(kind);
  const head = ["database", "step", "items", "ms", "items/s", "aim"];
  const lines = figures.map((f) => `| ${[f.database, f.step, f.items, f.ms, f.perSecond, f.aim].join(" | ")} |`);
  const note = `${availableParallelism()} CPUs (load average ${loadavg()[0]?.toFixed(1)} at the end), Node ${process.versions.node}; app code, fakes and database client in one process (PGlite in memory).`;
  process.stdout.write(
    `\n| ${head.join(" | ")} |\n|${head.map(() => "---").join("|")}|\n${lines.join("\n")}\n${note}\n`,
  );
  const results = join(import.meta.dirname, "results");
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(results, "planning.json"),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.versions.node, cpus: availableParallelism(), loadAverage: loadavg(), figures }, null, 2)}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
