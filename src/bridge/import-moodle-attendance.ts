import { and, eq, sql } from "drizzle-orm";
import type { MoodleClient } from "moodle-ws-client";
import { enqueueAllGrades } from "../attendance/enqueue-grades.js";
import { requireActivity } from "../attendance/scope.js";
import type { Db } from "../db/client.js";
import { attendanceMarks, attendanceSessionGroups, attendanceSessions, moodleAttendanceLinks, moodleAttendanceSessionMap } from "../db/schema.js";
import { Conflict, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { getMoodleClient, type MoodleClientTuning } from "./get-moodle-client.js";
import { loadImportTarget } from "./import-target.js";
import { planAttendanceImport, type ImportPlan, type PlannedSession } from "./plan-attendance-import.js";
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
  marks: number;
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

/** Reads a mod_attendance activity of the actor's course (another course's is NotFound) and plans the import. */
export async function previewAttendanceImport(db: Db, key: string, actor: Actor, activityId: number, attendanceId: number, tuning?: MoodleClientTuning): Promise<ImportPreview & { client: MoodleClient; setId: number; courseId: number }> {
  const { client, moodleCourseId, course } = await moodleFor(db, key, actor, activityId, tuning);
  const attendance = (await listMoodleAttendances(client, moodleCourseId)).find((a) => a.attendanceId === attendanceId);
  if (!attendance) throw NotFound("bridge.import.not_in_course");
  const [sessions, target] = await Promise.all([readMoodleAttendance(client, attendanceId), loadImportTarget(db, course.id, activityId, attendanceId)]);
  return { attendance, plan: planAttendanceImport(sessions, target), client, setId: target.setId, courseId: course.id };
}

async function saveSession(tx: Tx, activityId: number, setId: number, linkId: number, s: PlannedSession, actor: Actor): Promise<number> {
  const fields = { startsAt: s.startsAt, endsAt: s.endsAt, description: s.description, takenAt: s.takenAt };
  let id = s.sessionId;
  if (id === null) {
    const [row] = await tx.insert(attendanceSessions).values({ ...fields, activityId, setId, createdBy: actor.userId }).returning({ id: attendanceSessions.id });
    id = row!.id;
    await tx.insert(moodleAttendanceSessionMap).values({ linkId, sessionId: id, moodleSessionId: s.moodleSessionId }).onConflictDoUpdate({ target: [moodleAttendanceSessionMap.linkId, moodleAttendanceSessionMap.moodleSessionId], set: { sessionId: id } });
  } else {
    await tx.update(attendanceSessions).set(fields).where(and(eq(attendanceSessions.id, id), eq(attendanceSessions.activityId, activityId)));
  }
  await tx.delete(attendanceSessionGroups).where(eq(attendanceSessionGroups.sessionId, id));
  if (s.groupIds.length) await tx.insert(attendanceSessionGroups).values(s.groupIds.map((groupId) => ({ sessionId: id, groupId })));
  return id;
}

async function saveMarks(tx: Tx, rows: (typeof attendanceMarks.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx
      .insert(attendanceMarks)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({ target: [attendanceMarks.sessionId, attendanceMarks.userId], set: { statusId: sql`excluded.status_id`, remark: sql`excluded.remark`, markedBy: sql`excluded.marked_by`, markedAt: sql`excluded.marked_at` } });
  }
}

/**
 * Imports a mod_attendance activity into a Rollbook activity: sessions, groups and every mappable mark with its
 * remark. Each Moodle session id is stored, so importing again updates what was imported and adds nothing twice.
 */
export async function importMoodleAttendance(db: Db, key: string, actor: Actor, activityId: number, attendanceId: number, now: Date, tuning?: MoodleClientTuning): Promise<ImportResult> {
  const { plan, setId, courseId } = await previewAttendanceImport(db, key, actor, activityId, attendanceId, tuning);
  const result = await db.transaction(async (tx) => {
    const [link] = await tx
      .insert(moodleAttendanceLinks)
      .values({ activityId, direction: "import", moodleAttendanceId: String(attendanceId) })
      .onConflictDoUpdate({ target: [moodleAttendanceLinks.activityId, moodleAttendanceLinks.direction, moodleAttendanceLinks.moodleAttendanceId], set: { lastRunAt: now } })
      .returning({ id: moodleAttendanceLinks.id });
    const marks: (typeof attendanceMarks.$inferInsert)[] = [];
    for (const s of plan.sessions) {
      const sessionId = await saveSession(tx, activityId, setId, link!.id, s, actor);
      for (const m of s.marks) marks.push({ sessionId, userId: m.userId, statusId: m.statusId, remark: m.remark, by: "lecturer", markedBy: actor.userId, markedAt: now });
    }
    await saveMarks(tx, marks);
    const created = plan.sessions.filter((s) => s.sessionId === null).length;
    const outcome: ImportResult = { created, updated: plan.sessions.length - created, marks: marks.length, problems: plan.problems };
    await tx.update(moodleAttendanceLinks).set({ lastRunAt: now, lastResult: outcome }).where(eq(moodleAttendanceLinks.id, link!.id));
    return outcome;
  });
  const { activity } = await requireActivity(db, actor, activityId);
  await enqueueAllGrades(db, activity, courseId, now);
  return result;
}
