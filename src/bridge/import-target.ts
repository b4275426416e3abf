import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { attendanceSessions, attendanceStatuses, courseGroups, courseMembers, moodleAttendanceLinks, moodleAttendanceSessionMap } from "../db/schema.js";
import { defaultSetId } from "../attendance/ensure-status-sets.js";
import type { ImportTarget } from "./plan-attendance-import.js";

/** The Rollbook side of an import into an activity: its default status set, roster, Moodle groups, and sessions imported before. */
export async function loadImportTarget(db: Db, courseId: number, activityId: number, moodleAttendanceId: number): Promise<ImportTarget & { setId: number }> {
  const setId = await defaultSetId(db, activityId);
  const [statuses, members, groups, mapped] = await Promise.all([
    db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, setId)),
    db.select({ userId: courseMembers.userId }).from(courseMembers).where(and(eq(courseMembers.courseId, courseId), eq(courseMembers.isLearner, true))),
    db.select().from(courseGroups).where(and(eq(courseGroups.courseId, courseId), isNotNull(courseGroups.moodleGroupId))),
    db
      .select({ moodleSessionId: moodleAttendanceSessionMap.moodleSessionId, sessionId: attendanceSessions.id })
      .from(moodleAttendanceSessionMap)
      .innerJoin(moodleAttendanceLinks, eq(moodleAttendanceLinks.id, moodleAttendanceSessionMap.linkId))
      .innerJoin(attendanceSessions, eq(attendanceSessions.id, moodleAttendanceSessionMap.sessionId))
      .where(and(eq(moodleAttendanceLinks.activityId, activityId), eq(moodleAttendanceLinks.direction, "import"), eq(moodleAttendanceLinks.moodleAttendanceId, String(moodleAttendanceId)))),
  ]);
  return {
    setId,
    statusIdByAcronym: new Map(statuses.map((s) => [s.acronym.trim().toLocaleUpperCase("lv"), s.id])),
    rosterUserIds: new Set(members.map((m) => m.userId)),
    groupIdByMoodleId: new Map(groups.map((g) => [g.moodleGroupId!, g.id])),
    sessionIdByMoodleId: new Map(mapped.map((m) => [m.moodleSessionId, m.sessionId])),
  };
}
