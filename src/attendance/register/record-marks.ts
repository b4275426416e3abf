import { hasControlChars } from "../../http/control-chars.js";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  attendanceMarkHistory,
  attendanceMarks,
  attendanceSessions,
  attendanceStatuses,
  type MarkKind,
} from "../../db/schema.js";
import { Invalid, NotFound } from "../../errors.js";
import type { Actor } from "../../lti/actor.js";
import { enqueueGrades } from "../grades/enqueue-grades.js";
import { listExpectedStudents } from "./queries.js";
import {
  findMarkConflicts,
  MAX_REMARK_LENGTH,
  planMarkChanges,
  type MarkChange,
  type MarkWish,
} from "./plan-mark-changes.js";
import { authorize } from "../policy.js";
import { requireActivity } from "../../activities/index.js";
import { getSession, type SessionWithGroups } from "../sessions/queries.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface RecordOptions {
  /** 'self' for a student's own check-in, 'auto' for the close at a session's end (the policy check is the caller's). */
  by?: MarkKind;
  /** Never change an existing mark (for "set all unmarked to ..."). */
  onlyUnmarked?: boolean;
  /** Refuse a row whose mark changed since the page showed it (the register form sends what it showed). */
  refuseStale?: boolean;
}

/**
 * A row not saved: its remark is over MAX_REMARK_LENGTH, holds a NUL or another control character
 * ("bad_characters"), or a colleague changed the mark since the page loaded.
 */
export interface RefusedRow {
  userId: string;
  reason: "too_long" | "bad_characters" | "conflict";
}

export interface RecordResult {
  changed: number;
  /** Rows not saved (the others are); empty when every row went in. */
  refused?: RefusedRow[];
}

/** Why a remark cannot be saved as it is, or null. */
function remarkRefusal(remark: string): RefusedRow["reason"] | null {
  if (remark.length > MAX_REMARK_LENGTH) return "too_long";
  return hasControlChars(remark) ? "bad_characters" : null;
}

/**
 * Saves a register: per student, idempotent, keyed by session and student. Only rows changed on the page
 * are written (two lecturers marking at once lose nothing), each change goes to the history, the session
 * counts as taken, and the changed students' grades are queued for the gradebook.
 */
export async function recordMarks(
  db: Db,
  actor: Actor,
  activityId: number,
  sessionId: number,
  wishes: MarkWish[],
  now: Date,
  opts: RecordOptions = {},
): Promise<RecordResult> {
  const by = opts.by ?? "lecturer";
  if (by === "lecturer") authorize(actor, "attendance.take");
  const { course, activity } = await requireActivity(db, actor, activityId);
  const session = await getSession(db, activityId, sessionId);
  if (!session) throw NotFound();
  const expected = new Set((await listExpectedStudents(db, course.id, session)).map((m) => m.userId));
  const refused: RefusedRow[] = [];
  const mine = wishes.filter((w) => {
    if (!expected.has(w.userId)) return false;
    const reason = remarkRefusal(w.remark);
    if (reason) refused.push({ userId: w.userId, reason });
    return reason === null;
  });
  const allowed = await allowedStatusIds(db, session, mine);
  if (mine.some((w) => w.statusId !== null && w.statusId !== w.shownStatusId && !allowed.has(w.statusId)))
    throw Invalid("attendance.register.unknown_status");
  return db.transaction(async (tx) => {
    const users = mine.map((w) => w.userId);
    const current =
      users.length === 0
        ? []
        : await tx
            .select()
            .from(attendanceMarks)
            .where(and(eq(attendanceMarks.sessionId, sessionId), inArray(attendanceMarks.userId, users)))
            .for("update");
    const byUser = new Map(current.map((c) => [c.userId, c]));
    const stale = opts.refuseStale ? findMarkConflicts(mine, byUser) : new Set<string>();
    for (const userId of stale) refused.push({ userId, reason: "conflict" });
    const planned = planMarkChanges(
      mine.filter((w) => !stale.has(w.userId)),
      byUser,
    );
    const changes = opts.onlyUnmarked ? planned.filter((c) => c.from === null) : planned;
    if (changes.length === 0) return withRefused(0, refused);
    await writeMarkChanges(tx, sessionId, changes, { by, actorId: actor.userId, now });
    await enqueueGrades(
      tx,
      activity,
      changes.map((c) => c.userId),
      now,
    );
    return withRefused(changes.length, refused);
  });
}

const withRefused = (changed: number, refused: RefusedRow[]): RecordResult =>
  refused.length > 0 ? { changed, refused } : { changed };

/**
 * Writes a register's changes in one statement: the marks (upserted on session and student), one history row per
 * change, and the session's "taken" stamp. Each column goes as one array parameter (unnest), so a 300-student
 * register is one short statement with nine parameters rather than 2,700 for the query builder to assemble.
 */
async function writeMarkChanges(
  tx: Tx,
  sessionId: number,
  changes: MarkChange[],
  w: { by: MarkKind; actorId: string; now: Date },
): Promise<void> {
  const at = w.now.toISOString();
  const users = changes.map((c) => c.userId);
  const statuses = changes.map((c) => c.statusId);
  const remarks = changes.map((c) => c.remark);
  const fromStatuses = changes.map((c) => c.from?.statusId ?? null);
  const fromRemarks = changes.map((c) => c.from?.remark ?? null);
  await tx.execute(sql`
    with changed as (
      select * from unnest(${sql.param(users)}::text[], ${sql.param(statuses)}::int[], ${sql.param(remarks)}::text[], ${sql.param(fromStatuses)}::int[], ${sql.param(fromRemarks)}::text[]) as c(user_id, status_id, remark, from_status_id, from_remark)),
    marks as (
      insert into ${attendanceMarks} (session_id, user_id, status_id, remark, by, marked_by, marked_at)
      select ${sessionId}, user_id, status_id, remark, ${w.by}, ${w.actorId}, ${at}::timestamptz from changed
      on conflict (session_id, user_id) do update set status_id = excluded.status_id, remark = excluded.remark, by = excluded.by, marked_by = excluded.marked_by, marked_at = excluded.marked_at),
    history as (
      insert into ${attendanceMarkHistory} (session_id, user_id, from_status_id, to_status_id, from_remark, to_remark, by, changed_by, changed_at)
      select ${sessionId}, user_id, from_status_id, status_id, from_remark, remark, ${w.by}, ${w.actorId}, ${at}::timestamptz from changed)
    update ${attendanceSessions} set taken_at = ${at}::timestamptz where id = ${sessionId}`);
}

/** The statuses a new mark may use: the session's set, not hidden. */
async function allowedStatusIds(db: Db, session: SessionWithGroups, wishes: MarkWish[]): Promise<Set<number>> {
  if (!wishes.some((w) => w.statusId !== null)) return new Set();
  const rows = await db
    .select({ id: attendanceStatuses.id })
    .from(attendanceStatuses)
    .where(and(eq(attendanceStatuses.setId, session.setId), eq(attendanceStatuses.isHidden, false)));
  return new Set(rows.map((r) => r.id));
}
