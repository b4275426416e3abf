import { and, eq, sql } from "drizzle-orm";
import { enqueueAllGrades, enqueueGrades } from "../attendance/index.js";
import { requireActivity } from "../activities/index.js";
import type { Db } from "../db/client.js";
import {
  attendanceMarkHistory,
  attendanceMarks,
  attendanceSessionGroups,
  attendanceSessions,
  moodleAttendanceLinks,
  moodleAttendanceSessionMap,
} from "../db/schema.js";
import { Conflict, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { getMoodleClient, type MoodleClientTuning } from "./get-moodle-client.js";
import { loadImportTarget } from "./import-target.js";
import { planAttendanceImport, type ImportPlan, type KeptMark, type PlannedSession } from "./plan-attendance-import.js";
import { authorize } from "./policy.js";
import { listMoodleAttendances, readMoodleAttendance, type MoodleAttendance } from "./read-moodle-attendance.js";
import { moodleCourseIdOf } from "./sync-course-groups.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** A preview: the chosen mod_attendance activity and the plan of what an import would save. */
export interface ImportPreview {
  attendance: MoodleAttendance;
  plan: ImportPlan;
}

/** What an import saved, kept on the link as its last result. */
export interface ImportResult {
  created: number;
  updated: number;
  /** Marks written (new or changed); each has a history row of kind 'import'. */
  marks: number;
  unchanged: number;
  /** Marks Moodle has differently that were changed in Rollbook since the last import: not overwritten. */
  kept: KeptMark[];
  problems: ImportPlan["problems"];
}

/** The connected client and Moodle course of the actor's activity; Conflict when there is no connection. */
export async function moodleFor(db: Db, key: string, actor: Actor, activityId: number, tuning?: MoodleClientTuning) {
  authorize(actor, "bridge.sync");
  const scope = await requireActivity(db, actor, activityId);
  const moodleCourseId = moodleCourseIdOf(scope.course.contextId);
  const client = await getMoodleClient(db, key, actor.platformId, tuning);
  if (!client || moodleCourseId === null) throw Conflict("bridge.not_connected");
  return { ...scope, client, moodleCourseId };
}

/** Reads a mod_attendance activity of the actor's course with its sessions and marks; another course's is NotFound. */
async function readSource(
  db: Db,
  key: string,
  actor: Actor,
  activityId: number,
  attendanceId: number,
  tuning?: MoodleClientTuning,
) {
  const { client, moodleCourseId, course, activity } = await moodleFor(db, key, actor, activityId, tuning);
  const attendance = (await listMoodleAttendances(client, moodleCourseId)).find((a) => a.attendanceId === attendanceId);
  if (!attendance) throw NotFound("bridge.import.not_in_course");
  return { attendance, sessions: await readMoodleAttendance(client, attendanceId), course, activity };
}

/** Reads a mod_attendance activity of the actor's course and plans the import, changing nothing. */
export async function previewAttendanceImport(
  db: Db,
  key: string,
  actor: Actor,
  activityId: number,
  attendanceId: number,
  tuning?: MoodleClientTuning,
): Promise<ImportPreview> {
  const { attendance, sessions, course } = await readSource(db, key, actor, activityId, attendanceId, tuning);
  return {
    attendance,
    plan: planAttendanceImport(sessions, await loadImportTarget(db, course, activityId, attendanceId)),
  };
}

/** Saves one planned session (new, or the one imported before) with its groups; `moved` when its start or end changed. */
async function saveSession(
  tx: Tx,
  activityId: number,
  setId: number,
  linkId: number,
  s: PlannedSession,
  actor: Actor,
): Promise<{ id: number; moved: boolean }> {
  const fields = { startsAt: s.startsAt, endsAt: s.endsAt, description: s.description, takenAt: s.takenAt };
  let id = s.sessionId;
  let moved = true;
  if (id === null) {
    const [row] = await tx
      .insert(attendanceSessions)
      .values({ ...fields, activityId, setId, createdBy: actor.userId })
      .returning({ id: attendanceSessions.id });
    id = row!.id;
    await tx
      .insert(moodleAttendanceSessionMap)
      .values({ linkId, sessionId: id, moodleSessionId: s.moodleSessionId })
      .onConflictDoUpdate({
        target: [moodleAttendanceSessionMap.linkId, moodleAttendanceSessionMap.moodleSessionId],
        set: { sessionId: id },
      });
  } else {
    const [before] = await tx
      .select()
      .from(attendanceSessions)
      .where(and(eq(attendanceSessions.id, id), eq(attendanceSessions.activityId, activityId)));
    // Only a new start or end can move everyone's percentage ("taken" is shown, never counted).
    moved =
      !before || before.startsAt.getTime() !== s.startsAt.getTime() || before.endsAt.getTime() !== s.endsAt.getTime();
    // "Taken" never goes back: a register saved in Rollbook after Moodle's last taking keeps its time.
    const takenAt = before?.takenAt && (!s.takenAt || before.takenAt > s.takenAt) ? before.takenAt : s.takenAt;
    await tx
      .update(attendanceSessions)
      .set({ ...fields, takenAt })
      .where(and(eq(attendanceSessions.id, id), eq(attendanceSessions.activityId, activityId)));
  }
  await tx.delete(attendanceSessionGroups).where(eq(attendanceSessionGroups.sessionId, id));
  if (s.groupIds.length)
    await tx.insert(attendanceSessionGroups).values(s.groupIds.map((groupId) => ({ sessionId: id, groupId })));
  return { id, moved };
}

/** Writes the marks and, as a register save does, one history row each (kind 'import', by the importing lecturer). */
async function saveMarks(
  tx: Tx,
  marks: (PlannedSession["marks"][number] & { sessionId: number })[],
  actor: Actor,
  now: Date,
): Promise<void> {
  for (let i = 0; i < marks.length; i += 1000) {
    const batch = marks.slice(i, i + 1000);
    await tx
      .insert(attendanceMarks)
      .values(
        batch.map((m) => ({
          sessionId: m.sessionId,
          userId: m.userId,
          statusId: m.statusId,
          remark: m.remark,
          by: "import" as const,
          markedBy: actor.userId,
          markedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [attendanceMarks.sessionId, attendanceMarks.userId],
        set: {
          statusId: sql`excluded.status_id`,
          remark: sql`excluded.remark`,
          by: sql`excluded.by`,
          markedBy: sql`excluded.marked_by`,
          markedAt: sql`excluded.marked_at`,
        },
      });
    await tx.insert(attendanceMarkHistory).values(
      batch.map((m) => ({
        sessionId: m.sessionId,
        userId: m.userId,
        fromStatusId: m.from?.statusId ?? null,
        toStatusId: m.statusId,
        fromRemark: m.from?.remark ?? null,
        toRemark: m.remark,
        by: "import" as const,
        changedBy: actor.userId,
        changedAt: now,
      })),
    );
  }
}

/**
 * Imports a mod_attendance activity into a Rollbook activity: sessions, groups and every mappable mark with its
 * remark. Each Moodle session id is stored, so importing again updates what was imported and adds nothing twice.
 * The plan is made again inside the transaction, with the marks locked: a mark changed in Rollbook since the last
 * import is kept (and listed), every mark written gets a history row, and the grades that may have moved are queued.
 */
export async function importMoodleAttendance(
  db: Db,
  key: string,
  actor: Actor,
  activityId: number,
  attendanceId: number,
  now: Date,
  tuning?: MoodleClientTuning,
): Promise<ImportResult> {
  const { sessions, course, activity } = await readSource(db, key, actor, activityId, attendanceId, tuning);
  const { result, everyone } = await db.transaction(async (tx) => {
    const [link] = await tx
      .insert(moodleAttendanceLinks)
      .values({ activityId, direction: "import", moodleAttendanceId: String(attendanceId) })
      .onConflictDoUpdate({
        target: [
          moodleAttendanceLinks.activityId,
          moodleAttendanceLinks.direction,
          moodleAttendanceLinks.moodleAttendanceId,
        ],
        set: { lastRunAt: now },
      })
      .returning({ id: moodleAttendanceLinks.id });
    const target = await loadImportTarget(tx, course, activityId, attendanceId, true);
    const plan = planAttendanceImport(sessions, target);
    const marks: Parameters<typeof saveMarks>[1] = [];
    let moved = false;
    for (const s of plan.sessions) {
      const saved = await saveSession(tx, activityId, target.setId, link!.id, s, actor);
      moved ||= saved.moved;
      for (const m of s.marks) marks.push({ ...m, sessionId: saved.id });
    }
    await saveMarks(tx, marks, actor, now);
    const created = plan.sessions.filter((s) => s.sessionId === null).length;
    const outcome: ImportResult = {
      created,
      updated: plan.sessions.length - created,
      marks: marks.length,
      unchanged: plan.unchanged,
      kept: plan.kept,
      problems: plan.problems,
    };
    await tx
      .update(moodleAttendanceLinks)
      .set({ lastRunAt: now, lastResult: outcome })
      .where(eq(moodleAttendanceLinks.id, link!.id));
    // A new or re-timed session moves everyone's percentage; otherwise only the students whose marks changed.
    if (!moved)
      await enqueueGrades(
        tx,
        activity,
        marks.map((m) => m.userId),
        now,
      );
    return { result: outcome, everyone: moved };
  });
  if (everyone) await enqueueAllGrades(db, activity, course.id, now);
  return result;
}
