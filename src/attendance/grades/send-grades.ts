import { and, eq, lt, min, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { rowsOf } from "../../db/rows.js";
import { activities, attendanceGradeQueue, courses } from "../../db/schema.js";
import type { Lti } from "../../lti/provider.js";
import { buildReport, type ReportRow } from "../report/build-report.js";
import { attendanceGrade } from "../rules/percentages.js";
import { loadReportInput } from "../report/queries.js";
import { getPercentBasis } from "../statuses/queries.js";

/** After this many failed tries a grade stays in the queue with its last error, for a person to look at. */
export const MAX_GRADE_ATTEMPTS = 8;
/** A claimed row is hidden from other senders this long. */
const LEASE_MS = 60_000;
/** Moodle compares whole seconds: a same-second resend waits past the next one. */
const CONFLICT_RETRY_MS = 1_500;

export interface SendGradesResult {
  sent: number;
  conflicts: number;
  rejected: number;
  failed: number;
  skipped: number;
}

type GradeLti = Pick<Lti, "submitScore" | "getPlatform">;
export interface Claimed {
  activity_id: number;
  platform_id: string;
  user_id: string;
  attempts: number;
  /** The lease written when claimed: a row whose due time changed since was re-queued by a newer change. */
  lease: Date;
}

/**
 * Sends the queued grades that are due, one score per student (the queue already batches many changes into
 * one). Rows are claimed first, so two senders never send the same grade. Only students get a grade: a
 * lecturer or a student who left is dropped from the queue. Retries back off; Moodle's 409 retries a second later.
 * Each platform's rows are sent side by side with every other platform's, so a Moodle that does not answer
 * holds up only its own courses (its calls end at the platform timeout and are retried later).
 */
export async function sendGrades(db: Db, lti: GradeLti, now: Date, limit = 500): Promise<SendGradesResult> {
  const result = emptyResult();
  const byPlatform = await claimGrades(db, now, limit);
  await Promise.all([...byPlatform.values()].map((rows) => sendPlatform(db, lti, now, rows, result)));
  return result;
}

/** A result with nothing counted yet. */
export const emptyResult = (): SendGradesResult => ({ sent: 0, conflicts: 0, rejected: 0, failed: 0, skipped: 0 });

/** Claims the due rows (none of the platforms in `busy`), grouped by their course's platform. */
export async function claimGrades(
  db: Db,
  now: Date,
  limit = 500,
  busy: ReadonlySet<string> = new Set(),
): Promise<Map<string, Claimed[]>> {
  const byPlatform = new Map<string, Claimed[]>();
  for (const c of await claim(db, now, limit, [...busy]))
    byPlatform.set(c.platform_id, [...(byPlatform.get(c.platform_id) ?? []), c]);
  return byPlatform;
}

/**
 * Sends one platform's claimed rows, activity by activity. After a call that failed outright (a timeout, a refused
 * connection) the platform's other rows are not tried in this run: they wait for the back-off, uncounted.
 */
export async function sendPlatform(
  db: Db,
  lti: GradeLti,
  now: Date,
  rows: Claimed[],
  result: SendGradesResult,
): Promise<void> {
  const byActivity = new Map<number, Claimed[]>();
  for (const c of rows) byActivity.set(c.activity_id, [...(byActivity.get(c.activity_id) ?? []), c]);
  const down = { failed: false };
  for (const [activityId, list] of byActivity) await sendActivity(db, lti, now, activityId, list, result, down);
}

/** When the next queued grade is due (null: nothing left to try). */
export async function nextGradeDue(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(attendanceGradeQueue.dueAt) })
    .from(attendanceGradeQueue)
    .where(lt(attendanceGradeQueue.attempts, MAX_GRADE_ATTEMPTS));
  return row?.at ? new Date(row.at) : null;
}

async function claim(db: Db, now: Date, limit: number, busy: string[]): Promise<Claimed[]> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const res = await db.execute(sql`
    update attendance_grade_queue q set due_at = ${lease.toISOString()}::timestamptz
    from (select g.activity_id, g.user_id, coalesce(c.platform_id, '') as platform_id
          from attendance_grade_queue g
          left join activities a on a.id = g.activity_id left join courses c on c.id = a.course_id
          where g.due_at <= ${now.toISOString()}::timestamptz and g.attempts < ${MAX_GRADE_ATTEMPTS}
            and not (coalesce(c.platform_id, '') = any(${`{${busy.map((b) => JSON.stringify(b)).join(",")}}`}::text[]))
          order by g.due_at limit ${limit} for update of g skip locked) due
    where q.activity_id = due.activity_id and q.user_id = due.user_id
    returning q.activity_id, q.user_id, q.attempts, due.platform_id`);
  return rowsOf<Omit<Claimed, "lease">>(res).map((r) => ({ ...r, lease }));
}

async function sendActivity(
  db: Db,
  lti: GradeLti,
  now: Date,
  activityId: number,
  rows: Claimed[],
  result: SendGradesResult,
  down: { failed: boolean },
): Promise<void> {
  const [found] = await db
    .select({ activity: activities, course: courses })
    .from(activities)
    .innerJoin(courses, eq(courses.id, activities.courseId))
    .where(eq(activities.id, activityId));
  const platform = found ? await lti.getPlatform(found.course.platformId) : null;
  if (!found?.activity.lineItemUrl || !platform) {
    for (const r of rows) await settle(db, r, { drop: true });
    result.skipped += rows.length;
    return;
  }
  const { activity, course } = found;
  const lineItemUrl = found.activity.lineItemUrl;
  const basis = await getPercentBasis(db, activity.id);
  const report = new Map<string, ReportRow>(
    buildReport(await loadReportInput(db, course.id, activity.id, basis, now)).map((r) => [r.student.userId, r]),
  );
  const max = activity.scoreMaximum ?? 100;
  for (const r of rows) {
    const row = report.get(r.user_id);
    const grade = row?.student.isEnrolled ? attendanceGrade(row.totals, basis, max) : null;
    if (grade === null) {
      await settle(db, r, { drop: true });
      result.skipped++;
      continue;
    }
    if (down.failed) {
      await settle(db, r, {
        retryAt: new Date(now.getTime() + 30_000),
        attempts: r.attempts,
        error: "not sent: the platform did not answer",
      });
      result.failed++;
      continue;
    }
    down.failed = !(await sendOne(db, lti, platform, lineItemUrl, r, grade, max, now, result));
  }
}

async function sendOne(
  db: Db,
  lti: GradeLti,
  platform: { issuer: string; clientId: string },
  lineItemUrl: string,
  r: Claimed,
  grade: number,
  max: number,
  now: Date,
  result: SendGradesResult,
): Promise<boolean> {
  try {
    const answer = await lti.submitScore(platform, lineItemUrl, {
      userId: r.user_id,
      scoreGiven: grade,
      scoreMaximum: max,
    });
    if (answer === "ok") {
      result.sent++;
      await settle(db, r, { drop: true });
    } else if (answer === "conflict") {
      result.conflicts++;
      await settle(db, r, {
        retryAt: new Date(now.getTime() + CONFLICT_RETRY_MS),
        attempts: r.attempts + 1,
        error: "409 same-second timestamp",
      });
    } else {
      result.rejected++;
      await settle(db, r, { retryAt: now, attempts: MAX_GRADE_ATTEMPTS, error: "400 refused by the platform" });
    }
    return true;
  } catch (err) {
    result.failed++;
    const backoff = Math.min(30_000 * 2 ** r.attempts, 3_600_000);
    await settle(db, r, {
      retryAt: new Date(now.getTime() + backoff),
      attempts: r.attempts + 1,
      error: (err as Error).message.slice(0, 500),
    });
    return false;
  }
}

async function settle(
  db: Db,
  r: Claimed,
  what: { drop: true } | { retryAt: Date; attempts: number; error: string },
): Promise<void> {
  const key = and(eq(attendanceGradeQueue.activityId, r.activity_id), eq(attendanceGradeQueue.userId, r.user_id));
  // a change that came in while sending re-queued the row with a new due time: keep it for the next run
  const untouched = and(key, eq(attendanceGradeQueue.dueAt, r.lease));
  if ("drop" in what) await db.delete(attendanceGradeQueue).where(untouched);
  else
    await db
      .update(attendanceGradeQueue)
      .set({ dueAt: what.retryAt, attempts: what.attempts, lastError: what.error })
      .where(untouched);
}
