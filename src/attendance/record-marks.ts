import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { attendanceMarkHistory, attendanceMarks, attendanceSessions, attendanceStatuses, type MarkKind } from "../db/schema.js";
import { Invalid, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { enqueueGrades } from "./enqueue-grades.js";
import { listExpectedStudents } from "./mark-queries.js";
import { planMarkChanges, type MarkWish } from "./plan-mark-changes.js";
import { authorize } from "./policy.js";
import { requireActivity } from "./scope.js";
import { getSession, type SessionWithGroups } from "./session-queries.js";

export interface RecordOptions {
  /** 'self' for a student's own check-in, 'auto' for the close at a session's end (the policy check is the caller's). */
  by?: MarkKind;
  /** Never change an existing mark (for "set all unmarked to ..."). */
  onlyUnmarked?: boolean;
}

export interface RecordResult {
  changed: number;
}

/**
 * Saves a register: per student, idempotent, keyed by session and student. Only rows changed on the page
 * are written (two lecturers marking at once lose nothing), each change goes to the history, the session
 * counts as taken, and the changed students' grades are queued for the gradebook.
 */
export async function recordMarks(db: Db, actor: Actor, activityId: number, sessionId: number, wishes: MarkWish[], now: Date, opts: RecordOptions = {}): Promise<RecordResult> {
  const by = opts.by ?? "lecturer";
  if (by === "lecturer") authorize(actor, "attendance.take");
  const { course, activity } = await requireActivity(db, actor, activityId);
  const session = await getSession(db, activityId, sessionId);
  if (!session) throw NotFound();
  const expected = new Set((await listExpectedStudents(db, course.id, session)).map((m) => m.userId));
  const mine = wishes.filter((w) => expected.has(w.userId));
  const allowed = await allowedStatusIds(db, session, mine);
  if (mine.some((w) => w.statusId !== null && w.statusId !== w.shownStatusId && !allowed.has(w.statusId))) throw Invalid("attendance.register.unknown_status");
  return db.transaction(async (tx) => {
    const users = mine.map((w) => w.userId);
    const current = users.length === 0 ? [] : await tx.select().from(attendanceMarks).where(and(eq(attendanceMarks.sessionId, sessionId), inArray(attendanceMarks.userId, users))).for("update");
    const planned = planMarkChanges(mine, new Map(current.map((c) => [c.userId, c])));
    const changes = opts.onlyUnmarked ? planned.filter((c) => c.from === null) : planned;
    if (changes.length === 0) return { changed: 0 };
    const values = changes.map((c) => ({ sessionId, userId: c.userId, statusId: c.statusId, remark: c.remark, by, markedBy: actor.userId, markedAt: now }));
    await tx
      .insert(attendanceMarks)
      .values(values)
      .onConflictDoUpdate({
        target: [attendanceMarks.sessionId, attendanceMarks.userId],
        set: { statusId: sql`excluded.status_id`, remark: sql`excluded.remark`, by: sql`excluded.by`, markedBy: sql`excluded.marked_by`, markedAt: sql`excluded.marked_at` },
      });
    await tx.insert(attendanceMarkHistory).values(changes.map((c) => ({ sessionId, userId: c.userId, fromStatusId: c.from?.statusId ?? null, toStatusId: c.statusId, fromRemark: c.from?.remark ?? null, toRemark: c.remark, by, changedBy: actor.userId, changedAt: now })));
    await tx.update(attendanceSessions).set({ takenAt: now }).where(eq(attendanceSessions.id, sessionId));
    await enqueueGrades(tx, activity, changes.map((c) => c.userId), now);
    return { changed: changes.length };
  });
}

/** The statuses a new mark may use: the session's set, not hidden. */
async function allowedStatusIds(db: Db, session: SessionWithGroups, wishes: MarkWish[]): Promise<Set<number>> {
  if (!wishes.some((w) => w.statusId !== null)) return new Set();
  const rows = await db.select({ id: attendanceStatuses.id }).from(attendanceStatuses).where(and(eq(attendanceStatuses.setId, session.setId), eq(attendanceStatuses.isHidden, false)));
  return new Set(rows.map((r) => r.id));
}
