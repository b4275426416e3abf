/**
 * Follow-up on a whole platform: 300 courses x 30 students x 40 sessions (360,000 marks, each with its history
 * row), rules on everywhere with the defaults. Measures, with the queries counted (drizzle's logger; BEGIN and
 * COMMIT not counted):
 *   1. the first evaluation of every activity (every fact of the term is new: warnings and messages queued);
 *   2. the evaluation after a burst: the last session of every course re-marked (a register save each);
 *   3. one course after a register save (evaluateActivity), the median of 5.
 * Writes bench/results/followup.json.
 *
 *   npm run bench -- followup                      # PostgreSQL at TEST_DATABASE_URL or 127.0.0.1:5432
 *   npm run bench -- followup --courses 30         # a smaller platform
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/node-postgres";
import { sql } from "drizzle-orm";
import pg from "pg";

const { values: args } = parseArgs({
  options: {
    courses: { type: "string", default: "300" },
    students: { type: "string", default: "30" },
    sessions: { type: "string", default: "40" },
  },
});
process.env.TEST_DATABASE_URL ||= "postgres://postgres@127.0.0.1:5432/postgres";

const { createTestDatabase } = await import("../test/support/test-database.js");
const schema = await import("../src/db/schema.js");
const { defaultSetId } = await import("../src/attendance/index.js");
const { evaluateActivity, evaluateFollowup, DEFAULT_CONFIG } = await import("../src/followup/index.js");
type Db = import("../src/db/client.js").Db;

const COURSES = Number(args.courses);
const STUDENTS = Number(args.students);
const SESSIONS = Number(args.sessions);
const database = await createTestDatabase();
let queries = 0;
const pool = new pg.Pool({ connectionString: database.url, max: 4 });
const db = drizzle(pool, { schema, logger: { logQuery: () => void queries++ } }) as unknown as Db;

// the term: 40 sessions, two a week from 1 September; "now" is half an hour after the last one closed
const START = Date.parse("2026-09-01T06:00:00Z");
const startOf = (i: number) => START + (Math.floor(i / 2) * 7 + (i % 2) * 3) * 86_400_000;
const lastEnd = startOf(SESSIONS - 1) + 90 * 60_000;
const NOW = new Date(lastEnd + 31 * 60_000);

const t0 = performance.now();
const courseRows = await database.db
  .insert(schema.courses)
  .values(Array.from({ length: COURSES }, (_, i) => ({ platformId: "bench", contextId: `c${i}`, title: `Kurss ${i}` })))
  .returning({ id: schema.courses.id });
const activityRows = await database.db
  .insert(schema.activities)
  .values(courseRows.map((c, i) => ({ courseId: c.id, linkKey: `bench-${i}`, title: "Apmeklējums" })))
  .returning({ id: schema.activities.id, courseId: schema.activities.courseId });
for (const a of activityRows) await defaultSetId(database.db, a.id);
await database.db.execute(sql`
  insert into course_members (course_id, user_id, name, given_name, family_name, email, roles, is_learner, locale)
  select c.id, 's' || n, 'Ģirts Šķērsts ' || n, 'Ģirts', 'Šķērsts ' || n, 's' || n || '@example.lv',
         '["Learner"]'::jsonb, true, case when n % 5 = 0 then 'en' else 'lv' end
  from courses c, generate_series(1, ${STUDENTS}) n where c.platform_id = 'bench'`);
await database.db.execute(sql`
  insert into attendance_sessions (activity_id, set_id, starts_at, ends_at, taken_at, closed_at)
  select a.id, s.id, t.at, t.at + interval '90 minutes', t.at, t.at + interval '90 minutes'
  from activities a join attendance_status_sets s on s.activity_id = a.id,
       lateral (select to_timestamp(${START / 1000} + ((i / 2) * 7 + (i % 2) * 3) * 86400) as at
                from generate_series(0, ${SESSIONS - 1}) i) t
  where a.link_key like 'bench-%'`);
// mostly P; one student in six misses often (A), a few L and E
await database.db.execute(sql`
  insert into attendance_marks (session_id, user_id, status_id, by, marked_by, marked_at)
  select se.id, m.user_id,
         (select st.id from attendance_statuses st where st.set_id = se.set_id and st.acronym =
            case when substr(m.user_id, 2)::int % 6 = 0 and (se.id + length(m.user_id)) % 3 <> 0 then 'A'
                 when (se.id * 7 + substr(m.user_id, 2)::int) % 23 = 0 then 'A'
                 when (se.id + substr(m.user_id, 2)::int) % 17 = 0 then 'L'
                 when (se.id + substr(m.user_id, 2)::int) % 29 = 0 then 'E'
                 else 'P' end),
         'lecturer', '3', se.ends_at
  from attendance_sessions se join activities a on a.id = se.activity_id
       join course_members m on m.course_id = a.course_id and m.is_learner
  where a.link_key like 'bench-%'`);
await database.db.execute(sql`
  insert into attendance_mark_history (session_id, user_id, from_status_id, to_status_id, by, changed_by, changed_at)
  select session_id, user_id, null, status_id, 'lecturer', '3', marked_at from attendance_marks`);
await database.db.insert(schema.followupRules).values(
  activityRows.map((a) => ({
    activityId: a.id,
    config: DEFAULT_CONFIG,
    createdAt: new Date(NOW.getTime() - 3 * 3_600_000), // on for a while: older unexcused absences are old news
    updatedBy: "3",
    updatedAt: new Date(START - 86_400_000),
  })),
);
await database.db.execute(sql`analyze`);
const seedS = (performance.now() - t0) / 1000;
const counted = await database.db.execute(sql`select count(*)::int as n from attendance_marks`);
const marks = (counted as unknown as { rows: { n: number }[] }).rows[0]!.n;
console.log(
  `seeded ${COURSES} courses x ${STUDENTS} students x ${SESSIONS} sessions = ${marks} marks in ${seedS.toFixed(1)} s`,
);

async function measure(label: string, fn: () => Promise<unknown>) {
  queries = 0;
  const s = performance.now();
  const out = await fn();
  const ms = performance.now() - s;
  console.log(`${label}: ${ms.toFixed(0)} ms, ${queries} queries`, out);
  return { ms: Math.round(ms), queries, out };
}

const first = await measure("first evaluation of the platform (every fact new)", () => evaluateFollowup(db, NOW));
const again = await measure("again, nothing changed", () => evaluateFollowup(db, new Date(NOW.getTime() + 3 * 60_000)));
// a burst: every course's last register saved again 10 minutes later, one student in ten changed to A
const burstAt = new Date(NOW.getTime() + 10 * 60_000);
await database.db.execute(sql`
  with last as (select distinct on (activity_id) id, set_id from attendance_sessions order by activity_id, starts_at desc),
  changed as (
    update attendance_marks m set status_id = (select st.id from attendance_statuses st where st.set_id = last.set_id and st.acronym = 'A'),
      marked_at = ${burstAt.toISOString()}::timestamptz
    from last where m.session_id = last.id and substr(m.user_id, 2)::int % 10 = 3 returning m.session_id, m.user_id, m.status_id),
  taken as (update attendance_sessions set taken_at = ${burstAt.toISOString()}::timestamptz where id in (select id from last))
  insert into attendance_mark_history (session_id, user_id, from_status_id, to_status_id, by, changed_by, changed_at)
  select session_id, user_id, null, status_id, 'lecturer', '3', ${burstAt.toISOString()}::timestamptz from changed`);
const afterDelay = new Date(burstAt.getTime() + 31 * 60_000);
const burst = await measure("after a burst (every course's last register re-saved), past the delay", () =>
  evaluateFollowup(db, afterDelay),
);
const one: { ms: number; queries: number }[] = [];
for (let i = 0; i < 5; i++) {
  const a = activityRows[i]!;
  await database.db.execute(sql`
    update attendance_sessions set taken_at = ${new Date(afterDelay.getTime() + 60_000).toISOString()}::timestamptz
    where id = (select id from attendance_sessions where activity_id = ${a.id} order by starts_at desc limit 1)`);
  one.push(
    await measure(`one course after a register save (#${i + 1})`, () =>
      evaluateActivity(db, a.id, new Date(afterDelay.getTime() + 2 * 60_000)),
    ),
  );
}
const median = [...one].sort((x, y) => x.ms - y.ms)[2]!;
const result = {
  when: new Date().toISOString(),
  platform: { courses: COURSES, students: STUDENTS, sessions: SESSIONS, marks },
  seedSeconds: Math.round(seedS),
  firstEvaluation: first,
  unchanged: again,
  afterBurst: burst,
  oneCourseMedian: median,
};
mkdirSync(join(import.meta.dirname, "results"), { recursive: true });
writeFileSync(join(import.meta.dirname, "results", "followup.json"), `${JSON.stringify(result, null, 2)}\n`);
await pool.end();
await database.destroy();
