import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { preparedPerDb } from "../db/prepared.js";
import type { Actor } from "../lti/actor.js";
import type { StatusRow } from "../attendance/status-queries.js";
import { activities, appSessions, attendanceMarks, attendanceSessionGroups, attendanceSessions, attendanceStatuses, checkinAttempts, checkinOptions, checkinSettings, courseGroupMembers, courseMembers, courses } from "../db/schema.js";

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

/** Everything one check-in decides on, read in one query. */
export interface CheckinLook {
  context: CheckinContext;
  /** The actor of this browser's newest live launch into the session's activity (null: none, or no browser given). */
  actor: Actor | null;
  /** The student whose standing was read: the given user, else the browser's actor's (null: neither). */
  userId: string | null;
  standing: Standing | null;
  /** The statuses of the session's set (hidden ones too), in the set's order. */
  statuses: StatusRow[];
}

/**
 * The check-in's one read, prepared once per database (drizzle builds its SQL once; PostgreSQL parses and plans it
 * once per connection): the session with its settings, options, activity, course and groups; this browser's
 * launch into the activity; the student's membership, mark and recent wrong codes; the set's statuses. A
 * lecture-hall burst runs it hundreds of times a second.
 */
const prepared = preparedPerDb((db) => {
  const launch = db
    .select({ actor: sql<Actor>`${appSessions.actor}`.as("actor") })
    .from(appSessions)
    .where(and(eq(appSessions.browserId, ph("browserId")), eq(appSessions.activityId, attendanceSessions.activityId), eq(appSessions.kind, "resource"), gt(appSessions.expiresAt, ph("now"))))
    .orderBy(desc(appSessions.createdAt))
    .limit(1)
    .as("launch");
  const who = sql`coalesce(${ph("userId")}::text, ${launch.actor} ->> 'userId')`;
  const st = attendanceStatuses;
  return {
    look: db
      .select({
        session: attendanceSessions,
        settings: checkinSettings,
        options: checkinOptions,
        activity: activities,
        course: courses,
        groupIds: sql<number[] | null>`(select array_agg(${attendanceSessionGroups.groupId}) from ${attendanceSessionGroups} where ${attendanceSessionGroups.sessionId} = ${attendanceSessions.id})`,
        browserActor: launch.actor,
        userId: sql<string | null>`${who}`,
        isStudent: sql<boolean | null>`${courseMembers.isLearner} and ${courseMembers.isEnrolled}`,
        // A session without groups is for the whole course; otherwise the student must be in one of its groups.
        inGroup: sql<boolean>`(not exists(select 1 from ${attendanceSessionGroups} where ${attendanceSessionGroups.sessionId} = ${attendanceSessions.id}) or exists(select 1 from ${attendanceSessionGroups} join ${courseGroupMembers} on ${courseGroupMembers.groupId} = ${attendanceSessionGroups.groupId} where ${attendanceSessionGroups.sessionId} = ${attendanceSessions.id} and ${courseGroupMembers.userId} = ${courseMembers.userId}))`,
        mark: attendanceMarks,
        wrongMine: sql<number>`(select count(*) from ${checkinAttempts} where ${checkinAttempts.sessionId} = ${attendanceSessions.id} and ${checkinAttempts.reason} = 'wrong_code' and ${checkinAttempts.at} > ${ph("since")}::timestamptz and ${checkinAttempts.userId} = ${courseMembers.userId})::int`,
        wrongSession: sql<number>`(select count(*) from ${checkinAttempts} where ${checkinAttempts.sessionId} = ${attendanceSessions.id} and ${checkinAttempts.reason} = 'wrong_code' and ${checkinAttempts.at} > ${ph("lastMinute")}::timestamptz)::int`,
        statuses: sql<Record<string, unknown>[]>`(select coalesce(json_agg(json_build_object('id', ${st.id}, 'setId', ${st.setId}, 'acronym', ${st.acronym}, 'defaultKey', ${st.defaultKey}, 'description', ${st.description}, 'points', ${st.points}, 'position', ${st.position}, 'isHidden', ${st.isHidden}, 'checkinUntilMinutes', ${st.checkinUntilMinutes}, 'isUnmarkedDefault', ${st.isUnmarkedDefault}) order by ${st.position}, ${st.id}), '[]'::json) from ${st} where ${st.setId} = ${attendanceSessions.setId})`,
      })
      .from(attendanceSessions)
      .innerJoin(activities, eq(activities.id, attendanceSessions.activityId))
      .innerJoin(courses, eq(courses.id, activities.courseId))
      .leftJoin(checkinSettings, eq(checkinSettings.sessionId, attendanceSessions.id))
      .leftJoin(checkinOptions, eq(checkinOptions.activityId, attendanceSessions.activityId))
      .leftJoinLateral(launch, sql`true`)
      .leftJoin(courseMembers, and(eq(courseMembers.courseId, courses.id), sql`${courseMembers.userId} = ${who}`))
      .leftJoin(attendanceMarks, and(eq(attendanceMarks.sessionId, attendanceSessions.id), eq(attendanceMarks.userId, courseMembers.userId)))
      .where(eq(attendanceSessions.id, ph("sessionId")))
      .limit(1)
      .prepare("checkin_look"),
    statuses: db.select().from(st).where(eq(st.setId, ph("setId"))).orderBy(asc(st.position), asc(st.id)).prepare("checkin_statuses"),
  };
});

/**
 * Reads a check-in's facts in one query. `who`: the student (`userId`, from a launch already verified) and/or this
 * browser's id, whose newest live launch into the session's activity is looked up (and is the student when no
 * `userId` is given). `rateSince`: the start of the wrong-code window.
 */
export async function loadCheckin(db: Db, sessionId: number, who: { userId?: string; browserId?: string }, now: Date, rateSince: Date): Promise<CheckinLook | null> {
  const [row] = await prepared(db).look.execute({ sessionId, browserId: who.browserId ?? null, userId: who.userId ?? null, now: now.toISOString(), since: rateSince.toISOString(), lastMinute: new Date(now.getTime() - 60_000).toISOString() });
  if (!row) return null;
  const { browserActor, groupIds, userId, isStudent, inGroup, mark, wrongMine, wrongSession, statuses, ...rest } = row;
  const membership = !isStudent ? "not_student" : inGroup ? "member" : "not_in_group";
  return {
    context: { ...rest, groupIds: (groupIds ?? []).map(Number) },
    actor: browserActor ?? null,
    userId,
    standing: userId === null ? null : { membership, mark, wrong: { mine: wrongMine, session: wrongSession } },
    statuses: statuses as StatusRow[],
  };
}

/** A session with its check-in settings, the activity's options, the activity, the course and the session's groups. */
export async function getCheckinContext(db: Db, sessionId: number): Promise<CheckinContext | null> {
  return (await loadCheckin(db, sessionId, {}, new Date(), new Date()))?.context ?? null;
}

/** The statuses of a set (hidden ones too) with their self check-in minutes, in the set's order. */
export async function listCheckinStatuses(db: Db, setId: number): Promise<StatusRow[]> {
  return prepared(db).statuses.execute({ setId });
}

/** A student's mark in a session, or null. */
export async function getMark(db: Db, sessionId: number, userId: string) {
  const [m] = await db.select().from(attendanceMarks).where(and(eq(attendanceMarks.sessionId, sessionId), eq(attendanceMarks.userId, userId))).limit(1);
  return m ?? null;
}

/** How many students have a mark in the session (the projector's "checked in" count counts self check-ins). */
export async function countSelfMarks(db: Db, sessionId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(attendanceMarks).where(and(eq(attendanceMarks.sessionId, sessionId), eq(attendanceMarks.by, "self")));
  return row?.n ?? 0;
}

/** The session's attempt log, newest first (bounded). */
export async function listAttempts(db: Db, sessionId: number, limit = 500): Promise<AttemptRow[]> {
  return db.select().from(checkinAttempts).where(eq(checkinAttempts.sessionId, sessionId)).orderBy(desc(checkinAttempts.at), desc(checkinAttempts.id)).limit(limit);
}

/** The accepted attempts of a session by student: when, from which IP and device (for the register). */
export async function listAcceptedAttempts(db: Db, sessionId: number): Promise<Map<string, AttemptRow>> {
  const rows = await db.select().from(checkinAttempts).where(and(eq(checkinAttempts.sessionId, sessionId), eq(checkinAttempts.outcome, "accepted")));
  return new Map(rows.filter((r) => r.userId).map((r) => [r.userId!, r]));
}

/** The activity's options, or the defaults. */
export async function getCheckinOptions(db: Db, activityId: number): Promise<{ allowedIpRanges: string; isOneDevicePerSession: boolean }> {
  const [row] = await db.select().from(checkinOptions).where(eq(checkinOptions.activityId, activityId)).limit(1);
  return row ?? { allowedIpRanges: "", isOneDevicePerSession: false };
}

/** A session's settings row, or null when check-in was never set up. */
export async function getCheckinSettings(db: Db, sessionId: number): Promise<CheckinSettingsRow | null> {
  const [row] = await db.select().from(checkinSettings).where(eq(checkinSettings.sessionId, sessionId)).limit(1);
  return row ?? null;
}
