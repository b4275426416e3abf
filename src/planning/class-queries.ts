import { and, asc, desc, eq, gt, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.js";
import { classChanges, courseGroupMembers, courseGroups, studyClasses } from "../db/schema.js";
import type { StudyClassRow } from "./queries.js";

type StudyClassInsert = typeof studyClasses.$inferInsert;
type ClassChangeInsert = typeof classChanges.$inferInsert;

/** Sets fields of one class (the caller has loaded it through the actor's platform). */
export async function updateStudyClass(db: Db | Tx, classId: number, set: Partial<StudyClassInsert>): Promise<void> {
  await db.update(studyClasses).set(set).where(eq(studyClasses.id, classId));
}

/** Inserts new classes in one statement; answers each one's id and natural key. */
export async function insertStudyClasses(db: Db | Tx, rows: StudyClassInsert[]) {
  return db.insert(studyClasses).values(rows).returning({ id: studyClasses.id, naturalKey: studyClasses.naturalKey });
}

/** Writes change records (one statement for all of them). */
export async function insertClassChanges(db: Db | Tx, rows: ClassChangeInsert[]): Promise<void> {
  await db.insert(classChanges).values(rows);
}

/** The diff of a class's latest cancellation (what its state was before), or null when it was never cancelled. */
export async function getLastCancellationDiff(db: Db | Tx, classId: number): Promise<unknown> {
  const [cancel] = await db
    .select({ diff: classChanges.diff })
    .from(classChanges)
    .where(and(eq(classChanges.classId, classId), eq(classChanges.kind, "cancelled")))
    .orderBy(desc(classChanges.at), desc(classChanges.id))
    .limit(1);
  return cancel?.diff ?? null;
}

/**
 * The platform's online classes of a course that are not over yet, soonest first, at most `limit`. The course is
 * matched by its Moodle course id (the context id) or by its short name (the label, case-insensitive).
 */
export async function listUpcomingCourseClasses(
  db: Db | Tx,
  platformId: string,
  course: { contextId: string; label: string },
  now: Date,
  limit: number,
): Promise<StudyClassRow[]> {
  const sameCourse = or(
    eq(studyClasses.moodleCourseId, course.contextId),
    eq(studyClasses.courseRef, course.contextId),
    course.label ? sql`lower(${studyClasses.courseRef}) = ${course.label.trim().toLowerCase()}` : sql`false`,
  );
  return db
    .select()
    .from(studyClasses)
    .where(
      and(
        eq(studyClasses.platformId, platformId),
        eq(studyClasses.isOnline, true),
        gt(studyClasses.endsAt, now),
        sameCourse,
      ),
    )
    .orderBy(asc(studyClasses.startsAt))
    .limit(limit);
}

/** The names of a course's groups. */
export async function listCourseGroupNames(
  db: Db | Tx,
  courseId: number,
): Promise<Array<{ id: number; name: string }>> {
  return db
    .select({ id: courseGroups.id, name: courseGroups.name })
    .from(courseGroups)
    .where(eq(courseGroups.courseId, courseId));
}

/** The names of the course's groups the user is a member of. */
export async function listMemberGroupNames(
  db: Db | Tx,
  courseId: number,
  userId: string,
): Promise<Array<{ name: string }>> {
  return db
    .select({ name: courseGroups.name })
    .from(courseGroupMembers)
    .innerJoin(courseGroups, eq(courseGroups.id, courseGroupMembers.groupId))
    .where(and(eq(courseGroupMembers.courseId, courseId), eq(courseGroupMembers.userId, userId)));
}
