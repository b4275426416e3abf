import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import {
  announcementAttempts,
  classPublications,
  publishedAnnouncements,
  publishedEvents,
  studyClasses,
} from "../../db/schema.js";

export type PublishedEventRow = typeof publishedEvents.$inferSelect;
type PublishOutcomeValues = Omit<typeof classPublications.$inferInsert, "classId" | "platformId">;
type AnnouncementAttemptValues = Omit<typeof announcementAttempts.$inferInsert, "platformId" | "classDate">;

/** The Moodle calendar events Rollbook made for a class. */
export async function listClassEvents(db: Db | Tx, classId: number): Promise<PublishedEventRow[]> {
  return db.select().from(publishedEvents).where(eq(publishedEvents.classId, classId));
}

/** Of these classes, the ids of those that have Moodle calendar events. */
export async function listClassIdsWithEvents(db: Db | Tx, classIds: number[]): Promise<Set<number>> {
  const rows = await db
    .selectDistinct({ classId: publishedEvents.classId })
    .from(publishedEvents)
    .where(inArray(publishedEvents.classId, classIds.length ? classIds : [-1]));
  return new Set(rows.map((r) => r.classId));
}

/** Stores one calendar event Moodle made for a class. */
export async function insertPublishedEvent(db: Db | Tx, row: Omit<typeof publishedEvents.$inferInsert, "id">) {
  await db.insert(publishedEvents).values(row);
}

/** Forgets one calendar event (after it was deleted in Moodle). */
export async function deletePublishedEvent(db: Db | Tx, eventRowId: number): Promise<void> {
  await db.delete(publishedEvents).where(eq(publishedEvents.id, eventRowId));
}

/** Remembers the Moodle course id a class's course reference was found as. */
export async function saveClassMoodleCourse(db: Db | Tx, classId: number, moodleCourseId: string): Promise<void> {
  await db.update(studyClasses).set({ moodleCourseId }).where(eq(studyClasses.id, classId));
}

/** Stores how a class's last publishing ended (one row per class, replaced each time). */
export async function upsertClassPublication(
  db: Db | Tx,
  classId: number,
  platformId: string,
  values: PublishOutcomeValues,
): Promise<void> {
  await db
    .insert(classPublications)
    .values({ classId, platformId, ...values })
    .onConflictDoUpdate({ target: classPublications.classId, set: values });
}

/** Stores how the date's last announcement attempt ended (one row per platform and date, replaced each time). */
export async function upsertAnnouncementAttempt(
  db: Db | Tx,
  platformId: string,
  classDate: string,
  values: AnnouncementAttemptValues,
): Promise<void> {
  await db
    .insert(announcementAttempts)
    .values({ platformId, classDate, ...values })
    .onConflictDoUpdate({ target: [announcementAttempts.platformId, announcementAttempts.classDate], set: values });
}

/** Stores the date's announcement as posted in the information course. */
export async function insertPublishedAnnouncement(
  db: Db | Tx,
  row: typeof publishedAnnouncements.$inferInsert,
): Promise<void> {
  await db.insert(publishedAnnouncements).values(row);
}

/** Forgets the date's announcement (after it was deleted in Moodle). */
export async function deletePublishedAnnouncement(db: Db | Tx, platformId: string, classDate: string): Promise<void> {
  await db
    .delete(publishedAnnouncements)
    .where(and(eq(publishedAnnouncements.platformId, platformId), eq(publishedAnnouncements.classDate, classDate)));
}
