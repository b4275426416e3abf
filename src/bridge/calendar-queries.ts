import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  activities,
  attendanceSessionGroups,
  attendanceSessions,
  courseGroups,
  courses,
  moodleSessionCalendar,
  moodleSessionEvents,
} from "../db/schema.js";
import type { SessionForCalendar } from "./session-events.js";

export type SessionCalendarRow = typeof moodleSessionCalendar.$inferSelect;
export type SessionEventRow = typeof moodleSessionEvents.$inferSelect;

/** A session as its calendar events need it, with its course's context id; null when the session is gone. */
export async function getSessionForCalendar(
  db: Db,
  sessionId: number,
): Promise<(SessionForCalendar & { contextId: string }) | null> {
  const [s] = await db
    .select({
      id: attendanceSessions.id,
      activityTitle: activities.title,
      description: attendanceSessions.description,
      room: attendanceSessions.room,
      startsAt: attendanceSessions.startsAt,
      endsAt: attendanceSessions.endsAt,
      contextId: courses.contextId,
    })
    .from(attendanceSessions)
    .innerJoin(activities, eq(activities.id, attendanceSessions.activityId))
    .innerJoin(courses, eq(courses.id, activities.courseId))
    .where(eq(attendanceSessions.id, sessionId));
  if (!s) return null;
  const groups = await db
    .select({ name: courseGroups.name, moodleGroupId: courseGroups.moodleGroupId })
    .from(attendanceSessionGroups)
    .innerJoin(courseGroups, eq(courseGroups.id, attendanceSessionGroups.groupId))
    .where(eq(attendanceSessionGroups.sessionId, sessionId));
  return { ...s, groups };
}

/** The calendar state row of a session, or null when none was queued. */
export async function getSessionCalendar(db: Db, sessionId: number): Promise<SessionCalendarRow | null> {
  const [row] = await db.select().from(moodleSessionCalendar).where(eq(moodleSessionCalendar.sessionId, sessionId));
  return row ?? null;
}

/** The events stored for a session. */
export async function listSessionEvents(db: Db, sessionId: number): Promise<SessionEventRow[]> {
  return db.select().from(moodleSessionEvents).where(eq(moodleSessionEvents.sessionId, sessionId));
}

/** The calendar state of these sessions of a course, by session id (for the sessions list). */
export async function mapSessionCalendar(
  db: Db,
  courseId: number,
  sessionIds: number[],
): Promise<Map<number, SessionCalendarRow>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(moodleSessionCalendar)
    .where(and(eq(moodleSessionCalendar.courseId, courseId), inArray(moodleSessionCalendar.sessionId, sessionIds)));
  return new Map(rows.map((r) => [r.sessionId, r]));
}
