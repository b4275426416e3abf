import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { attendanceSessionGroups, attendanceSessions, courseGroups } from "../../db/schema.js";

export type SessionRow = typeof attendanceSessions.$inferSelect;
export interface SessionWithGroups extends SessionRow {
  groups: { id: number; name: string }[];
}

/** The activity's sessions in time order, optionally within [from, to), each with its groups. */
export async function listSessions(
  db: Db,
  activityId: number,
  range?: { from: Date; to: Date },
): Promise<SessionWithGroups[]> {
  const where = range
    ? and(
        eq(attendanceSessions.activityId, activityId),
        gte(attendanceSessions.startsAt, range.from),
        lt(attendanceSessions.startsAt, range.to),
      )
    : eq(attendanceSessions.activityId, activityId);
  const rows = await db
    .select()
    .from(attendanceSessions)
    .where(where)
    .orderBy(asc(attendanceSessions.startsAt), asc(attendanceSessions.id));
  return withGroups(db, rows);
}

/** A session of the activity with its groups, or null (another activity's session is the same as a missing one). */
export async function getSession(db: Db, activityId: number, sessionId: number): Promise<SessionWithGroups | null> {
  const rows = await db
    .select()
    .from(attendanceSessions)
    .where(and(eq(attendanceSessions.id, sessionId), eq(attendanceSessions.activityId, activityId)))
    .limit(1);
  const [row] = await withGroups(db, rows);
  return row ?? null;
}

async function withGroups(db: Db, rows: SessionRow[]): Promise<SessionWithGroups[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select({ sessionId: attendanceSessionGroups.sessionId, id: courseGroups.id, name: courseGroups.name })
    .from(attendanceSessionGroups)
    .innerJoin(courseGroups, eq(courseGroups.id, attendanceSessionGroups.groupId))
    .where(
      inArray(
        attendanceSessionGroups.sessionId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => ({
    ...r,
    groups: links.filter((l) => l.sessionId === r.id).map(({ id, name }) => ({ id, name })),
  }));
}
