import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import {
  activities,
  attendanceMarks,
  attendanceSessionGroups,
  attendanceSessions,
  attendanceSettings,
  attendanceStatuses,
  attendanceStatusSets,
  courseGroupMembers,
  courseMembers,
  courses,
  followupContacts,
  followupRules,
  followupWarnings,
} from "../db/schema.js";
import { decisionRules, type RuleStatus } from "./rules-config.js";
import type { DecisionInput, DecisionSession, DecisionStudent } from "./rules/decide-warnings.js";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type RulesRow = typeof followupRules.$inferSelect;
export type MemberRow = typeof courseMembers.$inferSelect;

/** The activity's rules row (null: follow-up is off); `lock` holds it for this transaction (one evaluator at a time). */
export async function getRules(db: Db | Tx, activityId: number, lock = false): Promise<RulesRow | null> {
  const q = db.select().from(followupRules).where(eq(followupRules.activityId, activityId));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

/** The statuses of the activity's sets. */
export async function listRuleStatuses(db: Db | Tx, activityId: number): Promise<RuleStatus[]> {
  return db
    .select({
      id: attendanceStatuses.id,
      setId: attendanceStatuses.setId,
      defaultKey: attendanceStatuses.defaultKey,
      acronym: attendanceStatuses.acronym,
      description: attendanceStatuses.description,
      points: attendanceStatuses.points,
    })
    .from(attendanceStatuses)
    .innerJoin(attendanceStatusSets, eq(attendanceStatusSets.id, attendanceStatuses.setId))
    .where(eq(attendanceStatusSets.activityId, activityId))
    .orderBy(attendanceStatusSets.position, attendanceStatuses.position);
}

/** The activity with its course (platform, zone, title). */
export async function getActivityCourse(db: Db | Tx, activityId: number) {
  const [row] = await db
    .select({ activity: activities, course: courses })
    .from(activities)
    .innerJoin(courses, eq(courses.id, activities.courseId))
    .where(eq(activities.id, activityId));
  return row ?? null;
}

async function percentBasis(db: Db | Tx, activityId: number): Promise<"taken" | "all"> {
  const [row] = await db
    .select({ basis: attendanceSettings.percentBasis })
    .from(attendanceSettings)
    .where(eq(attendanceSettings.activityId, activityId));
  return row?.basis ?? "taken";
}

/**
 * Everything the decision needs for one activity (or one student of it), read in the caller's transaction: a
 * fixed number of queries whatever the number of students. A mark's status change time comes from its history
 * (a remark-only edit does not restart the delay); a mark without history (an import) uses its own time.
 */
export async function loadDecisionInput(
  db: Db | Tx,
  activityId: number,
  courseId: number,
  rules: RulesRow,
  now: Date,
  userId?: string,
): Promise<DecisionInput & { members: MemberRow[] }> {
  const sessions = await db
    .select({
      id: attendanceSessions.id,
      startsAt: attendanceSessions.startsAt,
      closedAt: attendanceSessions.closedAt,
      setId: attendanceSessions.setId,
    })
    .from(attendanceSessions)
    .where(eq(attendanceSessions.activityId, activityId));
  const ids = sessions.map((s) => s.id);
  const member = and(
    eq(courseMembers.courseId, courseId),
    eq(courseMembers.isLearner, true),
    userId ? eq(courseMembers.userId, userId) : undefined,
  );
  // one after another: inside a transaction the queries share one connection anyway
  const statuses = await listRuleStatuses(db, activityId);
  const basis = await percentBasis(db, activityId);
  const members = await db.select().from(courseMembers).where(member);
  const groups = await db
    .select({ userId: courseGroupMembers.userId, groupId: courseGroupMembers.groupId })
    .from(courseGroupMembers)
    .where(and(eq(courseGroupMembers.courseId, courseId), userId ? eq(courseGroupMembers.userId, userId) : undefined));
  const sessionGroups =
    ids.length === 0
      ? []
      : await db.select().from(attendanceSessionGroups).where(inArray(attendanceSessionGroups.sessionId, ids));
  const marks = ids.length === 0 ? [] : await listMarksWithChange(db, activityId, userId);
  const groupsOf = new Map<number, number[]>();
  for (const g of sessionGroups) groupsOf.set(g.sessionId, [...(groupsOf.get(g.sessionId) ?? []), g.groupId]);
  const memberGroups = new Map<string, number[]>();
  for (const g of groups) memberGroups.set(g.userId, [...(memberGroups.get(g.userId) ?? []), g.groupId]);
  const decisionSessions: DecisionSession[] = sessions.map((s) => ({ ...s, groupIds: groupsOf.get(s.id) ?? [] }));
  const students: DecisionStudent[] = members.map((m) => ({
    userId: m.userId,
    isEnrolled: m.isEnrolled,
    leftAt: m.leftAt,
    groupIds: memberGroups.get(m.userId) ?? [],
  }));
  return {
    now,
    rules: decisionRules(rules.config, statuses, basis, rules.createdAt),
    sessions: decisionSessions,
    statuses,
    students,
    marks,
    members,
  };
}

interface MarkChangeRow {
  id: string | number;
  session_id: number;
  user_id: string;
  status_id: number;
  changed_at: string | Date;
}

/** The activity's marks, each with when its status last changed. */
async function listMarksWithChange(db: Db | Tx, activityId: number, userId?: string) {
  const mine = userId ? sql`and m.user_id = ${userId}` : sql``;
  const theirs = userId ? sql`and h.user_id = ${userId}` : sql``;
  const res = await db.execute(sql`
    select m.id, m.session_id, m.user_id, m.status_id, coalesce(h.changed_at, m.marked_at) as changed_at
    from ${attendanceMarks} m join ${attendanceSessions} s on s.id = m.session_id
    left join (select h.session_id, h.user_id, max(h.changed_at) as changed_at
               from attendance_mark_history h join ${attendanceSessions} s2 on s2.id = h.session_id
               where s2.activity_id = ${activityId} and h.from_status_id is distinct from h.to_status_id ${theirs}
               group by h.session_id, h.user_id) h on h.session_id = m.session_id and h.user_id = m.user_id
    where s.activity_id = ${activityId} ${mine}`);
  return rowsOf<MarkChangeRow>(res).map((r) => ({
    id: Number(r.id),
    sessionId: r.session_id,
    userId: r.user_id,
    statusId: r.status_id,
    statusChangedAt: new Date(r.changed_at),
  }));
}

/** The fact keys already warned about in the activity. */
export async function listWarnedKeys(db: Db | Tx, activityId: number): Promise<Set<string>> {
  const rows = await db
    .select({ key: followupWarnings.factKey })
    .from(followupWarnings)
    .where(eq(followupWarnings.activityId, activityId));
  return new Set(rows.map((r) => r.key));
}

/** The course's teaching members still enrolled (copies of warnings go to them when a rule says so). */
export async function listLecturers(db: Db | Tx, courseId: number): Promise<MemberRow[]> {
  const rows = await db
    .select()
    .from(courseMembers)
    .where(
      and(eq(courseMembers.courseId, courseId), eq(courseMembers.isLearner, false), eq(courseMembers.isEnrolled, true)),
    );
  return rows.filter((m) => m.roles.some((r) => /Instructor/i.test(r)));
}

/**
 * Activities whose follow-up should be evaluated now: never evaluated, rules saved since, a fact whose delay
 * ends, or a register saved (a session's `taken_at`, which every register save, close and first self check-in
 * sets) or a session closed since the last evaluation. One query for the whole platform over the sessions only
 * (never the marks), so a minute with nothing new costs milliseconds. Marks imported from Moodle keep Moodle's
 * dates and are picked up by the activity's next evaluation.
 */
export async function listActivitiesToEvaluate(db: Db, now: Date): Promise<number[]> {
  const at = now.toISOString();
  const res = await db.execute(sql`
    select r.activity_id from ${followupRules} r
    where r.evaluated_at is null or r.updated_at > r.evaluated_at
       or r.next_check_at <= ${at}::timestamptz
       or exists (select 1 from ${attendanceSessions} s where s.activity_id = r.activity_id
                  and (s.closed_at > r.evaluated_at or s.taken_at > r.evaluated_at))
    order by r.activity_id`);
  return rowsOf<{ activity_id: number }>(res).map((r) => r.activity_id);
}

/** An activity the at-risk list covers, with its course. */
export interface ScopeActivity {
  activityId: number;
  activityTitle: string;
  courseId: number;
  courseTitle: string;
  platformId: string;
  timezone: string;
}

/** The activity alone, or (platform-wide) every activity of every course of the platform. */
export async function listScopeActivities(
  db: Db,
  platformId: string,
  activityId: number | null,
): Promise<ScopeActivity[]> {
  return db
    .select({
      activityId: activities.id,
      activityTitle: activities.title,
      courseId: courses.id,
      courseTitle: courses.title,
      platformId: courses.platformId,
      timezone: courses.timezone,
    })
    .from(activities)
    .innerJoin(courses, eq(courses.id, activities.courseId))
    .where(and(eq(courses.platformId, platformId), activityId === null ? undefined : eq(activities.id, activityId)))
    .orderBy(courses.title, activities.id);
}

export type WarningRow = typeof followupWarnings.$inferSelect;

/** The warnings of some activities (optionally of one student), newest first. */
export async function listWarnings(db: Db, activityIds: number[], userId?: string): Promise<WarningRow[]> {
  if (activityIds.length === 0) return [];
  return db
    .select()
    .from(followupWarnings)
    .where(
      and(inArray(followupWarnings.activityId, activityIds), userId ? eq(followupWarnings.userId, userId) : undefined),
    )
    .orderBy(sql`${followupWarnings.createdAt} desc`, sql`${followupWarnings.id} desc`);
}

export type ContactRow = typeof followupContacts.$inferSelect;

/** The contact log of some activities (optionally one student), newest first. */
export async function listContacts(db: Db, activityIds: number[], userId?: string): Promise<ContactRow[]> {
  if (activityIds.length === 0) return [];
  return db
    .select()
    .from(followupContacts)
    .where(
      and(inArray(followupContacts.activityId, activityIds), userId ? eq(followupContacts.userId, userId) : undefined),
    )
    .orderBy(sql`${followupContacts.contactedAt} desc`, sql`${followupContacts.id} desc`);
}

/** Students of an activity being followed now: the mentors get no warnings about them until then. */
export async function listFollowed(db: Db | Tx, activityId: number, now: Date): Promise<Set<string>> {
  const rows = await db
    .select({ userId: followupContacts.userId })
    .from(followupContacts)
    .where(
      and(
        eq(followupContacts.activityId, activityId),
        sql`${followupContacts.followUntil} > ${now.toISOString()}::timestamptz`,
      ),
    );
  return new Set(rows.map((r) => r.userId));
}
