import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  attendanceMarks,
  attendanceSessions,
  attendanceStatuses,
  attendanceStatusSets,
  courseGroupMembers,
  courseMembers,
} from "../../db/schema.js";
import type { ReportInput, ReportStudent } from "./build-report.js";
import type { PercentBasis } from "../rules/percentages.js";
import { listSessions } from "../sessions/queries.js";

/** Everything the report needs for an activity (optionally only sessions in [from, to), optionally only one student). */
export async function loadReportInput(
  db: Db,
  courseId: number,
  activityId: number,
  basis: PercentBasis,
  now: Date,
  opts: { range?: { from: Date; to: Date }; userId?: string } = {},
): Promise<ReportInput> {
  const sessions = await listSessions(db, activityId, opts.range);
  const learner = and(
    eq(courseMembers.courseId, courseId),
    eq(courseMembers.isLearner, true),
    opts.userId ? eq(courseMembers.userId, opts.userId) : undefined,
  );
  const [members, groups, statuses, marks] = await Promise.all([
    db.select().from(courseMembers).where(learner),
    db.select().from(courseGroupMembers).where(eq(courseGroupMembers.courseId, courseId)),
    db
      .select({
        id: attendanceStatuses.id,
        setId: attendanceStatuses.setId,
        acronym: attendanceStatuses.acronym,
        points: attendanceStatuses.points,
      })
      .from(attendanceStatuses)
      .innerJoin(attendanceStatusSets, eq(attendanceStatusSets.id, attendanceStatuses.setId))
      .where(eq(attendanceStatusSets.activityId, activityId)),
    sessions.length === 0
      ? Promise.resolve([])
      : db
          .select({
            sessionId: attendanceMarks.sessionId,
            userId: attendanceMarks.userId,
            statusId: attendanceMarks.statusId,
          })
          .from(attendanceMarks)
          .where(
            and(
              inArray(
                attendanceMarks.sessionId,
                sessions.map((s) => s.id),
              ),
              opts.userId ? eq(attendanceMarks.userId, opts.userId) : undefined,
            ),
          ),
  ]);
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      startsAt: s.startsAt,
      setId: s.setId,
      groupIds: s.groups.map((g) => g.id),
    })),
    students: members.map((m) => ({
      userId: m.userId,
      name: m.name || m.userId,
      isEnrolled: m.isEnrolled,
      leftAt: m.leftAt,
      familyName: m.familyName,
      givenName: m.givenName,
      groupIds: groups.filter((g) => g.userId === m.userId).map((g) => g.groupId),
    })),
    statuses,
    marks,
    basis,
    now,
  };
}

/** A student's own marks with remarks, by session id. */
export async function listOwnMarks(db: Db, activityId: number, userId: string) {
  const rows = await db
    .select({
      sessionId: attendanceMarks.sessionId,
      statusId: attendanceMarks.statusId,
      remark: attendanceMarks.remark,
      by: attendanceMarks.by,
    })
    .from(attendanceMarks)
    .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendanceMarks.sessionId))
    .where(and(eq(attendanceSessions.activityId, activityId), eq(attendanceMarks.userId, userId)));
  return new Map(rows.map((r) => [r.sessionId, r]));
}

/** One learner of the course as the report sees them (with their groups), or null when not a learner there. */
export async function getReportStudent(db: Db, courseId: number, userId: string): Promise<ReportStudent | null> {
  const [[m], groups] = await Promise.all([
    db
      .select()
      .from(courseMembers)
      .where(
        and(eq(courseMembers.courseId, courseId), eq(courseMembers.userId, userId), eq(courseMembers.isLearner, true)),
      ),
    db
      .select({ groupId: courseGroupMembers.groupId })
      .from(courseGroupMembers)
      .where(and(eq(courseGroupMembers.courseId, courseId), eq(courseGroupMembers.userId, userId))),
  ]);
  if (!m) return null;
  const { isEnrolled, leftAt, familyName, givenName } = m;
  return {
    userId,
    name: m.name || userId,
    isEnrolled,
    leftAt,
    familyName,
    givenName,
    groupIds: groups.map((g) => g.groupId),
  };
}
