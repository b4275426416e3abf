import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { attendanceMarks, attendanceSessionGroups, attendanceSessions, attendanceStatuses, courseGroups, moodleAttendanceSessionMap } from "../db/schema.js";
import type { ExportSession } from "./plan-attendance-export.js";

/** An activity's sessions as the export sends them; a session of several Moodle groups goes to the first (mod_attendance sessions have one group). */
export async function listExportSessions(db: Db, activityId: number): Promise<ExportSession[]> {
  const sessions = await db.select().from(attendanceSessions).where(eq(attendanceSessions.activityId, activityId)).orderBy(asc(attendanceSessions.startsAt), asc(attendanceSessions.id));
  if (sessions.length === 0) return [];
  const ids = sessions.map((s) => s.id);
  const [groups, marks] = await Promise.all([
    db.select({ sessionId: attendanceSessionGroups.sessionId, moodleGroupId: courseGroups.moodleGroupId }).from(attendanceSessionGroups).innerJoin(courseGroups, eq(courseGroups.id, attendanceSessionGroups.groupId)).where(and(inArray(attendanceSessionGroups.sessionId, ids), isNotNull(courseGroups.moodleGroupId))).orderBy(asc(courseGroups.name)),
    db.select({ sessionId: attendanceMarks.sessionId, userId: attendanceMarks.userId, acronym: attendanceStatuses.acronym }).from(attendanceMarks).innerJoin(attendanceStatuses, eq(attendanceStatuses.id, attendanceMarks.statusId)).where(inArray(attendanceMarks.sessionId, ids)),
  ]);
  return sessions.map((s) => ({
    id: s.id,
    sessdate: Math.floor(s.startsAt.getTime() / 1000),
    duration: Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 1000),
    description: s.description,
    groupid: Number(groups.find((g) => g.sessionId === s.id)?.moodleGroupId ?? 0),
    marks: marks.filter((m) => m.sessionId === s.id).map(({ userId, acronym }) => ({ userId, acronym })),
  }));
}

/** The stored mapping of an export link: Rollbook session id to mod_attendance session id. */
export async function getExportMap(db: Db, linkId: number): Promise<Map<number, number>> {
  const rows = await db.select().from(moodleAttendanceSessionMap).where(eq(moodleAttendanceSessionMap.linkId, linkId));
  return new Map(rows.map((r) => [r.sessionId, Number(r.moodleSessionId)]));
}
