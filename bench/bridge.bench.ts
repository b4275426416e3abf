/**
 * The Moodle bridge, measured against the fake Moodle (loopback only):
 *  - web-service calls per second with bounded concurrency (1, 8, 32 in flight; core_webservice_get_site_info);
 *  - syncing the groups of 50 courses (4 groups of 30 students each), one course at a time and 4 at once;
 *  - importing a mod_attendance activity of 300 students x 60 sessions (18,000 marks), first time and again.
 *
 *   npm run bench -- bridge                       # PGlite (TEST_DATABASE_URL set: PostgreSQL)
 *   npm run bench -- bridge --calls 1000 --courses 20
 *
 * Results: bench/results/bridge.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getSiteInfo } from "moodle-ws-client";
import "../test/support/no-network.js";
import { startFakeMoodle } from "../moodle-ws-client/test/support/fake-moodle.js";
import { getMoodleClient } from "../src/bridge/get-moodle-client.js";
import { importMoodleAttendance } from "../src/bridge/import-moodle-attendance.js";
import { saveConnection } from "../src/bridge/save-connection.js";
import { syncCourseGroups } from "../src/bridge/sync-course-groups.js";
import { activities, courseMembers, courses } from "../src/db/schema.js";
import type { Actor } from "../src/lti/actor.js";
import { createTestDatabase, TEST_DB_KIND } from "../test/support/test-database.js";
import { bigAttendance, manyCoursesGroups } from "./bridge-world.js";

const { values: args } = parseArgs({
  options: {
    calls: { type: "string", default: "3000" },
    courses: { type: "string", default: "50" },
    students: { type: "string", default: "300" },
    sessions: { type: "string", default: "60" },
  },
  allowPositionals: true,
});
const KEY = "bench-encryption-key-0123456789-abcdefghij";
const rows: { measure: string; value: string }[] = [];
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const t0 = process.hrtime.bigint();
        await work(item);
        times.push(ms(t0));
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

const fake = await startFakeMoodle();
const database = await createTestDatabase();
const db = database.db;
await saveConnection(db, KEY, "p1", { baseUrl: fake.baseUrl, token: fake.token }, "bench", new Date());
const client = (await getMoodleClient(db, KEY, "p1"))!;

const calls = Number(args.calls);
for (const concurrency of [1, 8, 32]) {
  const t0 = process.hrtime.bigint();
  const times = await pool(Array.from({ length: calls }), concurrency, () => getSiteInfo(client));
  const seconds = ms(t0) / 1000;
  rows.push({
    measure: `calls/s, ${concurrency} in flight (${calls} calls)`,
    value: `${Math.round(calls / seconds)} (p50 ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(1)} ms)`,
  });
}

manyCoursesGroups(fake, 30);
const courseRows = await db
  .insert(courses)
  .values(
    Array.from({ length: Number(args.courses) }, (_, i) => ({
      platformId: "p1",
      contextId: String(100 + i),
      title: `C${i}`,
    })),
  )
  .returning();
for (const c of courseRows)
  await db
    .insert(courseMembers)
    .values(Array.from({ length: 120 }, (_, i) => ({ courseId: c.id, userId: String(1000 + i), isLearner: true })));
for (const concurrency of [1, 4]) {
  const t0 = process.hrtime.bigint();
  await pool(courseRows, concurrency, (c) => syncCourseGroups(db, client, c, new Date()));
  rows.push({
    measure: `groups of ${courseRows.length} courses (4 x 30 students), ${concurrency} at once`,
    value: `${(ms(t0) / 1000).toFixed(2)} s`,
  });
}

const students = Number(args.students);
const sessions = Number(args.sessions);
bigAttendance(fake, sessions, students);
const [course] = await db.insert(courses).values({ platformId: "p1", contextId: "2", title: "BK101" }).returning();
await db
  .insert(courseMembers)
  .values(
    Array.from({ length: students }, (_, i) => ({ courseId: course!.id, userId: String(1000 + i), isLearner: true })),
  );
const [activity] = await db
  .insert(activities)
  .values({ courseId: course!.id, linkKey: "bench", title: "Apmeklējums" })
  .returning();
const actor = {
  platformId: "p1",
  courseId: course!.id,
  contextId: "2",
  activityId: activity!.id,
  userId: "3",
  moodleUserId: "3",
  isLecturer: true,
  isAdmin: false,
  isStudent: false,
  roles: [],
  locale: "en",
} as unknown as Actor;
for (const run of ["first import", "import again"]) {
  const t0 = process.hrtime.bigint();
  const r = await importMoodleAttendance(db, KEY, actor, activity!.id, 1, new Date());
  rows.push({
    measure: `${run}: ${students} students x ${sessions} sessions`,
    value: `${(ms(t0) / 1000).toFixed(2)} s (${r.created} created, ${r.updated} updated, ${r.marks} marks)`,
  });
}

const table = [
  `database: ${TEST_DB_KIND}`,
  "| measure | value |",
  "|---|---|",
  ...rows.map((r) => `| ${r.measure} | ${r.value} |`),
].join("\n");
process.stdout.write(`${table}\n`);
mkdirSync(join(import.meta.dirname, "results"), { recursive: true });
writeFileSync(
  join(import.meta.dirname, "results", "bridge.json"),
  JSON.stringify({ database: TEST_DB_KIND, at: new Date().toISOString(), rows }, null, 2),
);
await fake.close();
await database.destroy();
