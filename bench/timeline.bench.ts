/**
 * The study-day timeline, measured (issue 12): a day of 200 online classes, 200 courses of 30 students (6,000
 * students): the T-4 pass (lecturers' and students' reminders queued in the outbox), the T-3 pass (the day
 * published to the fake Moodle: events, the announcement with the PDF) and the pass after the day (200
 * participants reports from the fake Zoom, matched to the students), with the process's peak RSS.
 *
 *   npm run bench -- timeline                  # both databases
 *   npm run bench -- timeline --only pglite --classes 200 --students 30
 *
 * Everything runs in this process over loopback with the fakes the tests use. Results: bench/results/timeline.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import "../test/support/no-network.js";
import { count, eq, like } from "drizzle-orm";
import { pino } from "pino";
import { startFakeMoodle, type FakeMoodle, type FakeMoodleCall } from "../moodle-ws-client/test/support/fake-moodle.js";
import { saveConnection } from "../src/bridge/save-connection.js";
import { getMoodleClient } from "../src/bridge/get-moodle-client.js";
import type { Db } from "../src/db/client.js";
import {
  classPublications,
  courseGroupMembers,
  courseGroups,
  courseMembers,
  courses,
  notifyDeliveries,
  notifyMessages,
  timelineSteps,
} from "../src/db/schema.js";
import { testDatabaseUrl } from "../src/env.js";
import { runDueSteps } from "../src/planning/timeline/run-due-steps.js";
import { createZoomClient } from "../src/planning/zoom/zoom-client.js";
import { publishingWorld } from "../test/planning/publish-fake-moodle.js";
import { DATE, dayPlus } from "../test/planning/timeline-world.js";
import { startFakeZoom, type FakeZoom } from "../test/support/fake-zoom.js";
import { createTestDatabase } from "../test/support/test-database.js";
import { seedPlatform } from "./planning-world.js";
import { DateTime } from "luxon";
import { studyClasses } from "../src/db/schema.js";

const { values: args } = parseArgs({
  options: {
    classes: { type: "string", default: "200" },
    students: { type: "string", default: "30" },
    only: { type: "string" },
  },
});
const CLASSES = Number(args.classes);
const STUDENTS = Number(args.students);
const POSTGRES_URL = testDatabaseUrl() ?? "postgres://postgres@127.0.0.1:5432/postgres";
const KEY = "bench-encryption-key-0123456789-abcdefghij";
const PLATFORM = "p1";
const quiet = pino({ level: "silent" });
const ref = (i: number) => `K${String(i + 1).padStart(3, "0")}`;

interface Figure {
  database: string;
  step: string;
  items: number;
  ms: number;
  perSecond: number;
  peakRssMb: number;
  aim: string;
}
const figures: Figure[] = [];
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);

async function measure<T>(database: string, step: string, items: number, run: () => Promise<T>): Promise<T> {
  peakRss = process.memoryUsage.rss();
  const t0 = performance.now();
  const result = await run();
  const ms = performance.now() - t0;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  figures.push({
    database,
    step,
    items,
    ms: Math.round(ms),
    perSecond: Math.round((items / ms) * 1000),
    peakRssMb: Math.round(peakRss / 1e6),
    aim: "< 60 s",
  });
  process.stdout.write(`  ${step}: ${(ms / 1000).toFixed(2)} s, peak RSS ${Math.round(peakRss / 1e6)} MB\n`);
  return result;
}

/** The fake Moodle knows every course K001… (id 1001…) with its one group G-001…, besides BK101 and INFO. */
function manyCourses(fake: FakeMoodle): void {
  const course = (fake.fixture("core_course_get_courses_by_field") as { courses: Record<string, unknown>[] })
    .courses[0]!;
  const info = { courses: [{ ...course, id: 5, shortname: "INFO", fullname: "Informācija" }], warnings: [] };
  fake.setResponse("core_course_get_courses_by_field", (call: FakeMoodleCall) => {
    const value = String(call.params.value);
    if (value === "INFO") return info;
    const n = /^K(\d{3})$/.exec(value)?.[1] ?? (call.params.field === "id" ? String(Number(value) - 1000) : null);
    if (!n || Number(n) < 1) return { courses: [], warnings: [] };
    const i = Number(n);
    return { courses: [{ ...course, id: 1000 + i, shortname: ref(i - 1), fullname: `Kurss ${i}` }], warnings: [] };
  });
  const group = (fake.fixture("core_group_get_course_groups") as Record<string, unknown>[])[0]!;
  fake.setResponse("core_group_get_course_groups", (call: FakeMoodleCall) => {
    const id = Number(call.params.courseid);
    return [{ ...group, id: 5000 + id, courseid: id, name: `G-${String(id - 1000).padStart(3, "0")}` }];
  });
}

/** 200 courses of 30 students each, one group per course, one class per course on the day, each with a meeting. */
async function seedWorld(db: Db, zoom: FakeZoom): Promise<void> {
  const slots = [
    DateTime.fromISO(`${DATE}T09:00`, { zone: "Europe/Riga" }),
    DateTime.fromISO(`${DATE}T12:45`, { zone: "Europe/Riga" }),
  ];
  for (let i = 0; i < CLASSES; i++) {
    const [course] = await db
      .insert(courses)
      .values({ platformId: PLATFORM, contextId: String(1001 + i), label: ref(i), title: `Kurss ${i + 1}` })
      .returning();
    const [group] = await db
      .insert(courseGroups)
      .values({ courseId: course!.id, name: `G-${String(i + 1).padStart(3, "0")}` })
      .returning();
    const people = Array.from({ length: STUDENTS }, (_, s) => ({
      courseId: course!.id,
      userId: String(100_000 + i * STUDENTS + s),
      name: `Students Ķēniņš ${i}-${s}`,
      email: `s${i}-${s}@students.lv`,
      isLearner: true,
      roles: ["Learner"],
      locale: s % 5 === 0 ? ("en" as const) : ("lv" as const),
    }));
    await db.insert(courseMembers).values(people);
    await db
      .insert(courseGroupMembers)
      .values(people.map((p) => ({ groupId: group!.id, courseId: course!.id, userId: p.userId })));
    const meetingId = String(85_000_000_000 + i);
    const startsAt = slots[i % 2]!;
    await db.insert(studyClasses).values({
      platformId: PLATFORM,
      naturalKey: `bench-${i}`,
      classDate: DATE,
      slotNo: (i % 2) + 1,
      startsAt: startsAt.toJSDate(),
      endsAt: startsAt.plus({ minutes: 180 }).toJSDate(),
      courseRef: ref(i),
      courseTitle: `Kurss ${i + 1}`,
      lecturerName: `Pasniedzējs Ūdris ${i + 1}`,
      lecturerEmail: `lektors${i % 120}@kolegija.lv`, // 120 lecturers, some with two classes
      groups: `G-${String(i + 1).padStart(3, "0")}`,
      meetingId,
      joinUrl: `https://us02web.zoom.us/j/${meetingId}`,
      passcode: "Xy7k2Lm9",
    });
    // who joined: most students of the course, some twice (rows summed per person), a guest
    zoom.setParticipants(meetingId, [
      ...people.slice(0, STUDENTS - 4).map((p) => ({ id: "", name: p.name, user_email: p.email, duration: 5000 })),
      ...people.slice(0, 3).map((p) => ({ id: "", name: p.name, user_email: p.email, duration: 600 })),
      { id: "", name: "Viesis", user_email: "", duration: 900 },
    ]);
  }
}

async function benchDatabase(kind: "pglite" | "postgres"): Promise<void> {
  process.env.TEST_DATABASE_URL = kind === "postgres" ? POSTGRES_URL : "";
  process.stdout.write(`${kind}:\n`);
  const database = await createTestDatabase();
  const zoom = await startFakeZoom();
  const moodle = await startFakeMoodle();
  publishingWorld(moodle);
  manyCourses(moodle);
  const db = database.db;
  try {
    await seedPlatform(db, PLATFORM, 50, 2);
    await saveConnection(db, KEY, PLATFORM, { baseUrl: moodle.baseUrl, token: moodle.token }, "2", dayPlus(-9));
    await seedWorld(db, zoom);
    const deps = {
      db,
      moodle: (platformId: string) => getMoodleClient(db, KEY, platformId, { retries: 0 }),
      linkKey: KEY,
      publicUrl: "https://rollbook.kolegija.lv",
      zoom: createZoomClient({ ...zoom.credentials, apiUrl: zoom.apiUrl, oauthUrl: zoom.oauthUrl }),
    };
    await runDueSteps(deps, dayPlus(-7, 1), quiet); // the plan check, before the measured passes
    const recipients = CLASSES * STUDENTS;
    await measure(kind, `T-4: queue reminders (${CLASSES} classes, ${recipients} students)`, recipients, () =>
      runDueSteps(deps, dayPlus(-4, 1), quiet),
    );
    const [queued] = await db
      .select({ n: count() })
      .from(notifyDeliveries)
      .innerJoin(notifyMessages, eq(notifyMessages.id, notifyDeliveries.messageId))
      .where(like(notifyMessages.dedupeKey, `studyday:${DATE}:%`));
    process.stdout.write(`    ${queued!.n} deliveries queued\n`);
    if (queued!.n < recipients) throw new Error(`only ${queued!.n} deliveries for ${recipients} students`);
    await measure(kind, `T-3: publish ${CLASSES} classes to Moodle + announcement`, CLASSES, () =>
      runDueSteps(deps, dayPlus(-3, 1), quiet),
    );
    const [published] = await db
      .select({ n: count() })
      .from(classPublications)
      .where(eq(classPublications.status, "published"));
    process.stdout.write(`    ${published!.n} classes published\n`);
    if (published!.n < CLASSES) throw new Error(`only ${published!.n} classes published`);
    await measure(kind, `after the day: ${CLASSES} participants reports from Zoom`, CLASSES, () =>
      runDueSteps(deps, dayPlus(0, 12), quiet),
    );
    const counted = await db
      .select({ state: timelineSteps.state, n: count() })
      .from(timelineSteps)
      .where(eq(timelineSteps.step, "counts"))
      .groupBy(timelineSteps.state);
    process.stdout.write(`    count rows by state: ${JSON.stringify(counted)}\n`);
    if (counted.find((c) => c.state === "done")?.n !== CLASSES) throw new Error("not every class was counted");
  } finally {
    await zoom.close();
    await moodle.close();
    await database.destroy();
  }
}

async function main(): Promise<void> {
  for (const kind of (["pglite", "postgres"] as const).filter((d) => !args.only || args.only === d))
    await benchDatabase(kind);
  clearInterval(sampler);
  const head = ["database", "step", "items", "ms", "items/s", "peak RSS MB", "aim"];
  const lines = figures.map(
    (f) => `| ${[f.database, f.step, f.items, f.ms, f.perSecond, f.peakRssMb, f.aim].join(" | ")} |`,
  );
  process.stdout.write(
    `\n| ${head.join(" | ")} |\n|${head.map(() => "---").join("|")}|\n${lines.join("\n")}\n` +
      `${availableParallelism()} CPUs (load average ${loadavg()[0]?.toFixed(1)} at the end), Node ${process.versions.node}.\n`,
  );
  const results = join(import.meta.dirname, "results");
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(results, "timeline.json"),
    `${JSON.stringify({ date: new Date().toISOString(), cpus: availableParallelism(), loadAverage: loadavg(), figures }, null, 2)}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
