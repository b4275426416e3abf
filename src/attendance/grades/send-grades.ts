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
interface Claimed {
  activity_id: number;
  user_id: string;
  attempts: number;
  /** The lease written when claimed: a row whose due time changed since was re-queued by a newer change. */
  lease: Date;
}

/**
 * Sends the queued grades that are due, one score per student (the queue already batches many changes into
 * one). Rows are claimed first, so two senders never send the same grade. Only students get a grade: a
 * lecturer or a student who left is dropped from the queue. Retries back off; Moodle's 409 retries a second later.
 */
export async function sendGrades(db: Db, lti: GradeLti, now: Date, limit = 500): Promise<SendGradesResult> {
  const result: SendGradesResult = { sent: 0, conflicts: 0, rejected: 0, failed: 0, skipped: 0 };
  const claimed = await claim(db, now, limit);
  const byActivity = new Map<number, Claimed[]>();
  for (const c of claimed) byActivity.set(c.activity_id, [...(byActivity.get(c.activity_id) ?? []), c]);
  for (const [activityId, rows] of byActivity) await sendActivity(db, lti, now, activityId, rows, result);
  return result;
}

/** When the next queued grade is due (null: nothing left to try). */
export async function nextGradeDue(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(attendanceGradeQueue.dueAt) })
    .from(attendanceGradeQueue)
    .where(lt(attendanceGradeQueue.attempts, MAX_GRADE_ATTEMPTS));
  return row?.at ? new Date(row.at) : null;
}

async function claim(db: Db, now: Date, limit: number): Promise<Claimed[]> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const res = await db.execute(sql`
    update attendance_grade_queue q set due_at = ${lease.toISOString()}::timestamptz
    from (select activity_id, user_id from attendance_grade_queue
          where due_at <= ${now.toISOString()}::timestamptz and attempts < ${MAX_GRADE_ATTEMPTS}
          order by due_at limit ${limit} for update skip locked) due
    where q.activity_id = due.activity_id and q.user_id = due.user_id
    returning q.activity_id, q.user_id, q.attempts`);
  return rowsOf<Omit<Claimed, "lease">>(res).map((r) => ({ ...r, lease }));
}

async function sendActivity(
  db: Db,
  lti: GradeLti,
  now: Date,
  activityId: number,
  rows: Claimed[],
  result: SendGradesResult,
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
    await sendOne(db, lti, platform, lineItemUrl, r, grade, max, now, result);
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
): Promise<void> {
  try {
    const answer = await lti.submitScore(platform, lineItemUrl, {
      userId: r.user_id,
      scoreGiven: grade,
      scoreMaximum: max,
    });
    if (answer === "ok") {
      result.sent++;
      return settle(db, r, { drop: true });
    }
    if (answer === "conflict") {
      result.conflicts++;
      return settle(db, r, {
        retryAt: new Date(now.getTime() + CONFLICT_RETRY_MS),
        attempts: r.attempts + 1,
        error: "409 same-second timestamp",
      });
    }
    result.rejected++;
    return settle(db, r, { retryAt: now, attempts: MAX_GRADE_ATTEMPTS, error: "400 refused by the platform" });
  } catch (err) {
    result.failed++;
    const backoff = Math.min(30_000 * 2 ** r.attempts, 3_600_000);
    return settle(db, r, {
      retryAt: new Date(now.getTime() + backoff),
      attempts: r.attempts + 1,
      error: (err as Error).message.slice(0, 500),
    });
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
