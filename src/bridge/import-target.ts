import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  attendanceMarkHistory,
  attendanceMarks,
  attendanceSessions,
  attendanceStatuses,
  courseGroups,
  courseMembers,
  moodleAttendanceLinks,
  moodleAttendanceSessionMap,
  type MarkKind,
} from "../db/schema.js";
import { defaultSetId } from "../attendance/index.js";
import { acronymKey, type CurrentMark, type ImportTarget } from "./plan-attendance-import.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Whether Moodle may change a mark: its last change was an import, or the automatic close (no one's decision).
 * A mark without history was written by an import made before imports kept history (nothing else writes marks
 * without it). Any other kind is a change made in Rollbook, which wins.
 */
export const isImportOwned = (lastBy: MarkKind | undefined) =>
  lastBy === undefined || lastBy === "import" || lastBy === "auto";

/** The current marks of the given sessions with the kind of their last change; locked when `lock` (inside the import's transaction). */
async function loadCurrentMarks(db: Db | Tx, sessionIds: number[], lock: boolean): Promise<Map<string, CurrentMark>> {
  if (sessionIds.length === 0) return new Map();
  const query = db
    .select({
      sessionId: attendanceMarks.sessionId,
      userId: attendanceMarks.userId,
      statusId: attendanceMarks.statusId,
      remark: attendanceMarks.remark,
    })
    .from(attendanceMarks)
    .where(inArray(attendanceMarks.sessionId, sessionIds));
  const [marks, last] = await Promise.all([
    lock ? query.for("update") : query,
    db
      .selectDistinctOn([attendanceMarkHistory.sessionId, attendanceMarkHistory.userId], {
        sessionId: attendanceMarkHistory.sessionId,
        userId: attendanceMarkHistory.userId,
        by: attendanceMarkHistory.by,
      })
      .from(attendanceMarkHistory)
      .where(inArray(attendanceMarkHistory.sessionId, sessionIds))
      .orderBy(attendanceMarkHistory.sessionId, attendanceMarkHistory.userId, desc(attendanceMarkHistory.id)),
  ]);
  const lastBy = new Map(last.map((h) => [`${h.sessionId}:${h.userId}`, h.by]));
  return new Map(
    marks.map((m) => [
      `${m.sessionId}:${m.userId}`,
      {
        statusId: m.statusId,
        remark: m.remark,
        isImportOwned: isImportOwned(lastBy.get(`${m.sessionId}:${m.userId}`)),
      },
    ]),
  );
}

/**
 * The Rollbook side of an import into an activity: its default status set, roster with names, Moodle groups,
 * sessions imported before and their current marks (locked when `lock`, so no register save slips in between).
 */
export async function loadImportTarget(
  db: Db | Tx,
  course: { id: number; timezone: string },
  activityId: number,
  moodleAttendanceId: number,
  lock = false,
): Promise<ImportTarget & { setId: number }> {
  const courseId = course.id;
  const setId = await defaultSetId(db as Db, activityId);
  const [statuses, members, groups, mapped] = await Promise.all([
    db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, setId)),
    db
      .select({ userId: courseMembers.userId, name: courseMembers.name })
      .from(courseMembers)
      .where(and(eq(courseMembers.courseId, courseId), eq(courseMembers.isLearner, true))),
    db
      .select()
      .from(courseGroups)
      .where(and(eq(courseGroups.courseId, courseId), isNotNull(courseGroups.moodleGroupId))),
    db
      .select({ moodleSessionId: moodleAttendanceSessionMap.moodleSessionId, sessionId: attendanceSessions.id })
      .from(moodleAttendanceSessionMap)
      .innerJoin(moodleAttendanceLinks, eq(moodleAttendanceLinks.id, moodleAttendanceSessionMap.linkId))
      .innerJoin(attendanceSessions, eq(attendanceSessions.id, moodleAttendanceSessionMap.sessionId))
      .where(
        and(
          eq(moodleAttendanceLinks.activityId, activityId),
          eq(moodleAttendanceLinks.direction, "import"),
          eq(moodleAttendanceLinks.moodleAttendanceId, String(moodleAttendanceId)),
        ),
      ),
  ]);
  return {
    setId,
    zone: course.timezone,
    statusIdByAcronym: new Map(statuses.map((s) => [acronymKey(s.acronym), s.id])),
    rosterUserIds: new Set(members.map((m) => m.userId)),
    names: new Map(members.map((m) => [m.userId, m.name || m.userId])),
    groupIdByMoodleId: new Map(groups.map((g) => [g.moodleGroupId!, g.id])),
    sessionIdByMoodleId: new Map(mapped.map((m) => [m.moodleSessionId, m.sessionId])),
    currentMarks: await loadCurrentMarks(
      db,
      mapped.map((m) => m.sessionId),
      lock,
    ),
  };
}
