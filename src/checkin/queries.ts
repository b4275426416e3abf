import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { perDb } from "../db/per-db.js";
import type { Actor } from "../lti/actor.js";
import type { StatusRow } from "../attendance/index.js";
import {
  activities,
  appSessions,
  attendanceMarks,
  attendanceSessionGroups,
  attendanceSessions,
  attendanceStatuses,
  checkinAttempts,
  checkinOptions,
  checkinSettings,
  courseGroupMembers,
  courseMembers,
  courses,
} from "../db/schema.js";

export type CheckinSettingsRow = typeof checkinSettings.$inferSelect;
export type CheckinOptionsRow = typeof checkinOptions.$inferSelect;
export type AttemptRow = typeof checkinAttempts.$inferSelect;

/** Everything a check-in decides on, loaded by session id alone (a scanned link has no actor yet). */
export interface CheckinContext {
  session: typeof attendanceSessions.$inferSelect;
  settings: CheckinSettingsRow | null;
  options: CheckinOptionsRow | null;
  activity: typeof activities.$inferSelect;
  course: typeof courses.$inferSelect;
  groupIds: number[];
}

const ph = sql.placeholder;

/** A student's standing in a session: whether they may check in, their mark, their recent wrong codes. */
export interface Standing {
  membership: "member" | "not_student" | "not_in_group";
  mark: typeof attendanceMarks.$inferSelect | null;
  wrong: {
    /** Wrong codes by this student in this session within the rate window. */
    mine: number;
    /** Wrong codes by anyone in this session within the last minute. */
    session: number;
  };
}

/** Everything one check-in decides on. */
export interface CheckinLook {
  context: CheckinContext;
  /** The actor of this browser's newest live launch into the session's activity (null: none, or no browser given). */
  actor: Actor | null;
  /** The student whose standing was read: the given user, else the browser's actor's (null: neither). */
  userId: string | null;
  standing: Standing | null;
  /** The statuses of the session's set (hidden ones too), in the set's order; none read when there is no student. */
  statuses: StatusRow[];
}

/**
 * The check-in's reads, prepared once per database: drizzle builds their SQL once, and PostgreSQL parses them once
 * per connection and soon settles on a generic plan. They are kept small on purpose: measured, one query joining
 * everything cost PostgreSQL about 3 ms of CPU per check-in, because its plan was remade on every call, against
 * about 1 ms for these three. A lecture-hall burst runs them hundreds of times a second.
 */
const prepared = perDb((db) => ({
  context: db
    .select({
      session: attendanceSessions,
      settings: checkinSettings,
      options: checkinOptions,
      activity: activities,
      course: courses,
      groupIds: sql<
        number[] | null
      >`(select array_agg(${attendanceSessionGroups.groupId}) from ${attendanceSessionGroups} where ${attendanceSessionGroups.sessionId} = ${attendanceSessions.id})`,
      // The newest live launch of this browser into the session's activity (null without a browser id).
      browserActor: sql<Actor | null>`(select ${appSessions.actor} from ${appSessions} where ${appSessions.browserId} = ${ph("browserId")} and ${appSessions.activityId} = ${attendanceSessions.activityId} and ${appSessions.kind} = 'resource' and ${appSessions.expiresAt} > ${ph("now")}::timestamptz order by ${appSessions.createdAt} desc limit 1)`,
    })
    .from(attendanceSessions)
    .innerJoin(activities, eq(activities.id, attendanceSessions.activityId))
    .innerJoin(courses, eq(courses.id, activities.courseId))
    .leftJoin(checkinSettings, eq(checkinSettings.sessionId, attendanceSessions.id))
    .leftJoin(checkinOptions, eq(checkinOptions.activityId, attendanceSessions.activityId))
    .where(eq(attendanceSessions.id, ph("sessionId")))
    .limit(1)
    .prepare("checkin_context"),
  standing: db
    .select({
      isStudent: sql<boolean>`${courseMembers.isLearner} and ${courseMembers.isEnrolled}`,
      // A session without groups is for the whole course; otherwise the student must be in one of its groups.
      inGroup: sql<boolean>`(not exists(select 1 from ${attendanceSessionGroups} where ${attendanceSessionGroups.sessionId} = ${ph("sessionId")}) or exists(select 1 from ${attendanceSessionGroups} join ${courseGroupMembers} on ${courseGroupMembers.groupId} = ${attendanceSessionGroups.groupId} where ${attendanceSessionGroups.sessionId} = ${ph("sessionId")} and ${courseGroupMembers.userId} = ${ph("userId")}))`,
      mark: attendanceMarks,
      wrongMine: sql<number>`(select count(*) from ${checkinAttempts} where ${checkinAttempts.sessionId} = ${ph("sessionId")} and ${checkinAttempts.reason} = 'wrong_code' and ${checkinAttempts.at} > ${ph("since")}::timestamptz and ${checkinAttempts.userId} = ${ph("userId")})::int`,
      wrongSession: sql<number>`(select count(*) from ${checkinAttempts} where ${checkinAttempts.sessionId} = ${ph("sessionId")} and ${checkinAttempts.reason} = 'wrong_code' and ${checkinAttempts.at} > ${ph("lastMinute")}::timestamptz)::int`,
    })
    .from(courseMembers)
    .leftJoin(
      attendanceMarks,
      and(eq(attendanceMarks.sessionId, ph("sessionId")), eq(attendanceMarks.userId, ph("userId"))),
    )
    .where(and(eq(courseMembers.courseId, ph("courseId")), eq(courseMembers.userId, ph("userId"))))
    .limit(1)
    .prepare("checkin_standing"),
  statuses: db
    .select()
    .from(attendanceStatuses)
    .where(eq(attendanceStatuses.setId, ph("setId")))
    .orderBy(asc(attendanceStatuses.position), asc(attendanceStatuses.id))
    .prepare("checkin_statuses"),
}));

/**
 * Reads a check-in's facts: the context first (with this browser's launch when `who.browserId` is given), then,
 * when there is a student, their standing and the set's statuses side by side. `who.userId`: the student from a launch already
 * verified; without it, the browser's launch names the student. `rateSince`: the start of the wrong-code window.
 */
export async function loadCheckin(
  db: Db,
  sessionId: number,
  who: { userId?: string; browserId?: string },
  now: Date,
  rateSince: Date,
): Promise<CheckinLook | null> {
  const scan = await getScanContext(db, sessionId, who.browserId ?? null, now);
  if (!scan) return null;
  const { context, actor } = scan;
  const userId = who.userId ?? actor?.userId ?? null;
  if (userId === null) return { context, actor, userId, standing: null, statuses: [] };
  const statements = prepared(db);
  const [[s], statuses] = await Promise.all([
    statements.standing.execute({
      sessionId,
      userId,
      courseId: context.course.id,
      since: rateSince.toISOString(),
      lastMinute: new Date(now.getTime() - 60_000).toISOString(),
    }),
    statements.statuses.execute({ setId: context.session.setId }),
  ]);
  const standing: Standing = {
    membership: !s?.isStudent ? "not_student" : s.inGroup ? "member" : "not_in_group",
    mark: s?.mark ?? null,
    wrong: { mine: s?.wrongMine ?? 0, session: s?.wrongSession ?? 0 },
  };
  return { context, actor, userId, standing, statuses };
}

/**
 * A session's check-in context with the actor of this browser's newest live launch into the session's activity
 * (null without a browser id, or when it has none): one prepared query.
 */
export async function getScanContext(
  db: Db,
  sessionId: number,
  browserId: string | null,
  now: Date,
): Promise<{ context: CheckinContext; actor: Actor | null } | null> {
  const [row] = await prepared(db).context.execute({ sessionId, browserId, now: now.toISOString() });
  if (!row) return null;
  const { browserActor, groupIds, ...rest } = row;
  return { context: { ...rest, groupIds: (groupIds ?? []).map(Number) }, actor: browserActor ?? null };
}

/** A session with its check-in settings, the activity's options, the activity, the course and the session's groups. */
export async function getCheckinContext(db: Db, sessionId: number): Promise<CheckinContext | null> {
  return (await getScanContext(db, sessionId, null, new Date(0)))?.context ?? null;
}

/** The statuses of a set (hidden ones too) with their self check-in minutes, in the set's order. */
export async function listCheckinStatuses(db: Db, setId: number): Promise<StatusRow[]> {
  return prepared(db).statuses.execute({ setId });
}

/** A student's mark in a session, or null. */
export async function getMark(db: Db, sessionId: number, userId: string) {
  const [m] = await db
    .select()
    .from(attendanceMarks)
    .where(and(eq(attendanceMarks.sessionId, sessionId), eq(attendanceMarks.userId, userId)))
    .limit(1);
  return m ?? null;
}

/** How many students have a mark in the session (the projector's "checked in" count counts self check-ins). */
export async function countSelfMarks(db: Db, sessionId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(attendanceMarks)
    .where(and(eq(attendanceMarks.sessionId, sessionId), eq(attendanceMarks.by, "self")));
  return row?.n ?? 0;
}

/** The session's attempt log, newest first (bounded). */
export async function listAttempts(db: Db, sessionId: number, limit = 500): Promise<AttemptRow[]> {
  return db
    .select()
    .from(checkinAttempts)
    .where(eq(checkinAttempts.sessionId, sessionId))
    .orderBy(desc(checkinAttempts.at), desc(checkinAttempts.id))
    .limit(limit);
}

/** The accepted attempts of a session by student: when, from which IP and device (for the register). */
export async function listAcceptedAttempts(db: Db, sessionId: number): Promise<Map<string, AttemptRow>> {
  const rows = await db
    .select()
    .from(checkinAttempts)
    .where(and(eq(checkinAttempts.sessionId, sessionId), eq(checkinAttempts.outcome, "accepted")));
  return new Map(rows.filter((r) => r.userId).map((r) => [r.userId!, r]));
}

/** The activity's options, or the defaults. */
export async function getCheckinOptions(
  db: Db,
  activityId: number,
): Promise<{ allowedIpRanges: string; isOneDevicePerSession: boolean }> {
  const [row] = await db.select().from(checkinOptions).where(eq(checkinOptions.activityId, activityId)).limit(1);
  return row ?? { allowedIpRanges: "", isOneDevicePerSession: false };
}

/** A session's settings row, or null when check-in was never set up. */
export async function getCheckinSettings(db: Db, sessionId: number): Promise<CheckinSettingsRow | null> {
  const [row] = await db.select().from(checkinSettings).where(eq(checkinSettings.sessionId, sessionId)).limit(1);
  return row ?? null;
}
