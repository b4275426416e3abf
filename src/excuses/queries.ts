import { and, asc, desc, eq, getTableColumns, gt, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  activities,
  attendanceSessions,
  courseMembers,
  courses,
  excuseFiles,
  excuses,
  notifyDeliveries,
  notifyMessages,
} from "../db/schema.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type ExcuseRow = typeof excuses.$inferSelect;
export type MemberRow = typeof courseMembers.$inferSelect;

/** A request as the lists show it: with the session's times, the student's name and the file's name and size. */
export interface ExcuseListRow extends ExcuseRow {
  startsAt: Date;
  endsAt: Date;
  studentName: string;
  familyName: string;
  givenName: string;
  fileName: string | null;
  fileSize: number | null;
}

const listColumns = {
  ...getTableColumns(excuses),
  startsAt: attendanceSessions.startsAt,
  endsAt: attendanceSessions.endsAt,
  studentName: sql<string>`coalesce(nullif(${courseMembers.name}, ''), ${excuses.userId})`,
  familyName: sql<string>`coalesce(${courseMembers.familyName}, '')`,
  givenName: sql<string>`coalesce(${courseMembers.givenName}, '')`,
  fileName: excuseFiles.fileName,
  fileSize: excuseFiles.size,
};

/** Every request of the activity (of the course's own members), waiting first, then the latest decisions. */
export async function listActivityExcuses(db: Db, courseId: number, activityId: number): Promise<ExcuseListRow[]> {
  return db
    .select(listColumns)
    .from(excuses)
    .innerJoin(attendanceSessions, eq(attendanceSessions.id, excuses.sessionId))
    .leftJoin(courseMembers, and(eq(courseMembers.courseId, courseId), eq(courseMembers.userId, excuses.userId)))
    .leftJoin(excuseFiles, eq(excuseFiles.excuseId, excuses.id))
    .where(eq(excuses.activityId, activityId))
    .orderBy(
      sql`case when ${excuses.state} = 'waiting' then 0 else 1 end`,
      sql`case when ${excuses.state} = 'waiting' then ${excuses.createdAt} end asc`,
      desc(excuses.updatedAt),
      desc(excuses.id),
    );
}

/** One student's own requests in the activity, newest first. */
export async function listOwnExcuses(db: Db, courseId: number, activityId: number, userId: string) {
  return db
    .select(listColumns)
    .from(excuses)
    .innerJoin(attendanceSessions, eq(attendanceSessions.id, excuses.sessionId))
    .leftJoin(courseMembers, and(eq(courseMembers.courseId, courseId), eq(courseMembers.userId, excuses.userId)))
    .leftJoin(excuseFiles, eq(excuseFiles.excuseId, excuses.id))
    .where(and(eq(excuses.activityId, activityId), eq(excuses.userId, userId)))
    .orderBy(desc(excuses.createdAt), desc(excuses.id));
}

/** A request of the activity, or null (another activity's request is the same as a missing one). */
export async function getExcuse(db: Db | Tx, activityId: number, excuseId: number): Promise<ExcuseRow | null> {
  const [row] = await db
    .select()
    .from(excuses)
    .where(and(eq(excuses.id, excuseId), eq(excuses.activityId, activityId)))
    .limit(1);
  return row ?? null;
}

/** A request's file with its bytes (only the download reads them). */
export async function getExcuseFile(db: Db, excuseId: number) {
  const [row] = await db.select().from(excuseFiles).where(eq(excuseFiles.excuseId, excuseId)).limit(1);
  return row ?? null;
}

/** Sessions the student already has an open (waiting or approved) request for. */
export async function listOpenSessionIds(db: Db, activityId: number, userId: string): Promise<Set<number>> {
  const rows = await db
    .select({ sessionId: excuses.sessionId })
    .from(excuses)
    .where(
      and(
        eq(excuses.activityId, activityId),
        eq(excuses.userId, userId),
        inArray(excuses.state, ["waiting", "approved"]),
      ),
    );
  return new Set(rows.map((r) => r.sessionId));
}

/** A course member (the student a message goes to), or null. */
export async function getMember(db: Db | Tx, courseId: number, userId: string): Promise<MemberRow | null> {
  const [row] = await db
    .select()
    .from(courseMembers)
    .where(and(eq(courseMembers.courseId, courseId), eq(courseMembers.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** The course's teaching members still enrolled (a new request is told to them), in a stable order. */
export async function listLecturers(db: Db | Tx, courseId: number): Promise<MemberRow[]> {
  const rows = await db
    .select()
    .from(courseMembers)
    .where(
      and(eq(courseMembers.courseId, courseId), eq(courseMembers.isLearner, false), eq(courseMembers.isEnrolled, true)),
    )
    .orderBy(asc(courseMembers.userId));
  return rows.filter((m) => m.roles.some((r) => /Instructor/i.test(r)));
}

/** The state of a request and its course's platform, for the outbox's check at sending time. */
export async function getExcuseState(db: Db, excuseId: number) {
  const [row] = await db
    .select({ state: excuses.state, platformId: courses.platformId })
    .from(excuses)
    .innerJoin(activities, eq(activities.id, excuses.activityId))
    .innerJoin(courses, eq(courses.id, activities.courseId))
    .where(eq(excuses.id, excuseId))
    .limit(1);
  return row ?? null;
}

/**
 * Empties the files of requests decided or withdrawn before the cutoff (a waiting one keeps its file): the row
 * stays with its name and size 0, which the pages show as "file removed". The number of files emptied.
 */
export async function emptyOldExcuseFiles(db: Db, cutoff: Date): Promise<number> {
  const old = db
    .select({ id: excuses.id })
    .from(excuses)
    .where(and(ne(excuses.state, "waiting"), lt(excuses.updatedAt, cutoff)));
  const rows = await db
    .update(excuseFiles)
    .set({ bytes: Buffer.alloc(0), size: 0 })
    .where(and(gt(excuseFiles.size, 0), inArray(excuseFiles.excuseId, old)))
    .returning({ id: excuseFiles.excuseId });
  return rows.length;
}

/** Who the lecturers' message about a request actually reached (sent deliveries), on the course's platform. */
export async function listRequestReached(db: Db | Tx, platformId: string, excuseId: number) {
  return db
    .selectDistinct({ userId: notifyDeliveries.userId })
    .from(notifyDeliveries)
    .innerJoin(notifyMessages, eq(notifyMessages.id, notifyDeliveries.messageId))
    .where(
      and(
        eq(notifyMessages.platformId, platformId),
        eq(notifyMessages.dedupeKey, `excuse:${excuseId}:request`),
        eq(notifyDeliveries.state, "sent"),
      ),
    );
}
