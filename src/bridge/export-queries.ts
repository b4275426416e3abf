import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  activities,
  attendanceMarks,
  attendanceSessionGroups,
  attendanceSessions,
  attendanceStatuses,
  courseGroupMembers,
  courseGroups,
  moodleAttendanceSessionMap,
} from "../db/schema.js";
import type { ExportSession, MappedSession } from "./plan-attendance-export.js";

/** What the export reads of an activity: its sessions with groups and marks, and the course's Moodle group names. */
export interface ExportSource {
  sessions: ExportSession[];
  groupNames: ReadonlyMap<number, string>;
}

/** An activity's sessions as the export sends them, each mark with the Moodle groups of its student. */
export async function listExportSessions(db: Db, activityId: number): Promise<ExportSource> {
  const [activity] = await db
    .select({ courseId: activities.courseId })
    .from(activities)
    .where(eq(activities.id, activityId));
  const sessions = await db
    .select()
    .from(attendanceSessions)
    .where(eq(attendanceSessions.activityId, activityId))
    .orderBy(asc(attendanceSessions.startsAt), asc(attendanceSessions.id));
  const courseMoodleGroups = activity
    ? await db
        .select({ id: courseGroups.id, moodleGroupId: courseGroups.moodleGroupId, name: courseGroups.name })
        .from(courseGroups)
        .where(and(eq(courseGroups.courseId, activity.courseId), isNotNull(courseGroups.moodleGroupId)))
    : [];
  const groupNames = new Map(courseMoodleGroups.map((g) => [Number(g.moodleGroupId), g.name]));
  if (sessions.length === 0) return { sessions: [], groupNames };
  const ids = sessions.map((s) => s.id);
  const [groups, marks, members] = await Promise.all([
    db
      .select({
        sessionId: attendanceSessionGroups.sessionId,
        moodleGroupId: courseGroups.moodleGroupId,
        name: courseGroups.name,
      })
      .from(attendanceSessionGroups)
      .innerJoin(courseGroups, eq(courseGroups.id, attendanceSessionGroups.groupId))
      .where(inArray(attendanceSessionGroups.sessionId, ids))
      .orderBy(asc(courseGroups.name)),
    db
      .select({
        sessionId: attendanceMarks.sessionId,
        userId: attendanceMarks.userId,
        acronym: attendanceStatuses.acronym,
      })
      .from(attendanceMarks)
      .innerJoin(attendanceStatuses, eq(attendanceStatuses.id, attendanceMarks.statusId))
      .where(inArray(attendanceMarks.sessionId, ids)),
    courseMoodleGroups.length === 0
      ? []
      : db
          .select({ groupId: courseGroupMembers.groupId, userId: courseGroupMembers.userId })
          .from(courseGroupMembers)
          .where(
            inArray(
              courseGroupMembers.groupId,
              courseMoodleGroups.map((g) => g.id),
            ),
          ),
  ]);
  const moodleIdOf = new Map(courseMoodleGroups.map((g) => [g.id, Number(g.moodleGroupId)]));
  const groupsOf = new Map<string, number[]>();
  for (const m of members) groupsOf.set(m.userId, [...(groupsOf.get(m.userId) ?? []), moodleIdOf.get(m.groupId)!]);
  return {
    groupNames,
    sessions: sessions.map((s) => {
      const own = groups.filter((g) => g.sessionId === s.id);
      return {
        id: s.id,
        sessdate: Math.floor(s.startsAt.getTime() / 1000),
        duration: Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 1000),
        description: s.description,
        groupids: own.filter((g) => g.moodleGroupId !== null).map((g) => Number(g.moodleGroupId)),
        toolGroups: own.filter((g) => g.moodleGroupId === null).map((g) => g.name),
        marks: marks
          .filter((m) => m.sessionId === s.id)
          .map(({ userId, acronym }) => ({ userId, acronym, groupids: groupsOf.get(userId) ?? [] })),
      };
    }),
  };
}

/** The stored mapping of an export link: per Rollbook session and Moodle group (0: whole course), the mod_attendance session. */
export async function getExportMap(db: Db, linkId: number): Promise<MappedSession[]> {
  const rows = await db.select().from(moodleAttendanceSessionMap).where(eq(moodleAttendanceSessionMap.linkId, linkId));
  return rows.map((r) => ({
    sessionId: r.sessionId,
    groupid: Number(r.moodleGroupId),
    moodleSessionId: Number(r.moodleSessionId),
  }));
}
