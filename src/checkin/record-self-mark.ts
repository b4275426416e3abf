import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import { GRADE_BATCH_DELAY_MS, REQUEUE } from "../attendance/index.js";
import type { RequestFacts } from "./log-attempt.js";

export interface SelfMark {
  sessionId: number;
  activityId: number;
  userId: string;
  statusId: number;
  via: "link" | "typed" | "pending";
  /** The activity has a gradebook column: queue the student's grade. */
  isGraded: boolean;
  /** One device per session: the device must not have checked in another student. */
  isOneDevicePerSession: boolean;
}

export type SelfMarkOutcome = "accepted" | "already" | "wrong_device";

/**
 * Writes an accepted self check-in in ONE statement (atomic without a transaction, one round trip under a
 * lecture-hall burst): the device claim (when the rule is on), the mark (insert only: a mark that exists is left
 * alone), its history, the session's "taken" stamp, the grade queue and the attempt log, each only when the mark
 * was inserted.
 *
 * The device claim is an upsert that returns the device's owner even when another student's concurrent scan
 * claimed it first (ON CONFLICT DO UPDATE waits for and sees the committed row), so two students can never check
 * in from one device.
 */
export async function recordSelfMark(db: Db, m: SelfMark, facts: RequestFacts, now: Date): Promise<SelfMarkOutcome> {
  const at = now.toISOString();
  const dueAt = new Date(now.getTime() + GRADE_BATCH_DELAY_MS).toISOString();
  const device = facts.deviceToken.slice(0, 64);
  const claim = m.isOneDevicePerSession
    ? sql`device as (
        insert into checkin_devices (session_id, device_token, user_id, at) values (${m.sessionId}, ${device}, ${m.userId}, ${at}::timestamptz)
        on conflict (session_id, device_token) do update set user_id = checkin_devices.user_id
        returning user_id),`
    : sql`device as (select ${m.userId}::text as user_id),`;
  const result = await db.execute(sql`
    with ${claim}
    mark as (
      insert into attendance_marks (session_id, user_id, status_id, remark, by, marked_by, marked_at)
      select ${m.sessionId}, ${m.userId}, ${m.statusId}, '', 'self', ${m.userId}, ${at}::timestamptz
      where exists (select 1 from device where user_id = ${m.userId})
      on conflict (session_id, user_id) do nothing
      returning id),
    history as (
      insert into attendance_mark_history (session_id, user_id, from_status_id, to_status_id, from_remark, to_remark, by, changed_by, changed_at)
      select ${m.sessionId}, ${m.userId}, null, ${m.statusId}, null, '', 'self', ${m.userId}, ${at}::timestamptz from mark),
    taken as (
      update attendance_sessions set taken_at = ${at}::timestamptz
      where id = ${m.sessionId} and taken_at is null and exists (select 1 from mark)),
    grade as (
      insert into attendance_grade_queue (activity_id, user_id, due_at, attempts, last_error)
      select ${m.activityId}, ${m.userId}, ${dueAt}::timestamptz, 0, null from mark where ${m.isGraded}
      ${REQUEUE}),
    logged as (
      insert into checkin_attempts (session_id, user_id, outcome, reason, via, ip, user_agent, device_token, at)
      select ${m.sessionId}, ${m.userId}, 'accepted', '', ${m.via}, ${facts.ip.slice(0, 64)}, ${facts.userAgent.slice(0, 300)}, ${device}, ${at}::timestamptz from mark)
    select (select count(*) from mark)::int as inserted, (select user_id from device limit 1) as owner`);
  const [row] = rowsOf<{ inserted: number; owner: string | null }>(result);
  if (row && Number(row.inserted) > 0) return "accepted";
  if (m.isOneDevicePerSession && row?.owner !== m.userId) return "wrong_device";
  return "already";
}
