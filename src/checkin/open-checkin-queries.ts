import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  attendanceMarks,
  attendanceSessionGroups,
  attendanceSessions,
  checkinSettings,
  courseGroupMembers,
} from "../db/schema.js";

/** The activity's sessions with check-in on that overlap [from, to], with their settings. */
export function listCheckinCandidates(db: Db, activityId: number, from: Date, to: Date) {
  return db
    .select({ session: attendanceSessions, settings: checkinSettings })
    .from(attendanceSessions)
    .innerJoin(checkinSettings, eq(checkinSettings.sessionId, attendanceSessions.id))
    .where(
      and(
        eq(attendanceSessions.activityId, activityId),
        eq(checkinSettings.isEnabled, true),
        gte(attendanceSessions.endsAt, from),
        lte(attendanceSessions.startsAt, to),
      ),
    );
}

/** For these sessions: their groups, the student's groups and the student's marks (who made them). */
export async function listStudentCheckinFacts(db: Db, sessionIds: number[], userId: string) {
  const [groups, mine, marks] = await Promise.all([
    db.select().from(attendanceSessionGroups).where(inArray(attendanceSessionGroups.sessionId, sessionIds)),
    db
      .select({ groupId: courseGroupMembers.groupId })
      .from(courseGroupMembers)
      .where(eq(courseGroupMembers.userId, userId)),
    db
      .select({ sessionId: attendanceMarks.sessionId, by: attendanceMarks.by })
      .from(attendanceMarks)
      .where(and(inArray(attendanceMarks.sessionId, sessionIds), eq(attendanceMarks.userId, userId))),
  ]);
  return { groups, mine, marks };
}
