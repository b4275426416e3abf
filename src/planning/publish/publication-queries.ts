import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { announcementAttempts, classPublications, publishedAnnouncements, studyClasses } from "../../db/schema.js";

export type ClassPublicationRow = typeof classPublications.$inferSelect;

/** The last publishing outcome of each class of a date. */
export async function listDayPublications(
  db: Db,
  platformId: string,
  classDate: string,
): Promise<ClassPublicationRow[]> {
  const rows = await db
    .select({ p: classPublications })
    .from(classPublications)
    .innerJoin(studyClasses, eq(studyClasses.id, classPublications.classId))
    .where(and(eq(classPublications.platformId, platformId), eq(studyClasses.classDate, classDate)));
  return rows.map((r) => r.p);
}

/** The date's announcement in the information course, if one was posted. */
export async function getDayAnnouncement(db: Db, platformId: string, classDate: string) {
  const [row] = await db
    .select()
    .from(publishedAnnouncements)
    .where(and(eq(publishedAnnouncements.platformId, platformId), eq(publishedAnnouncements.classDate, classDate)));
  return row ?? null;
}

/** The last attempt to announce the date's plan (null before the first publishing). */
export async function getAnnouncementAttempt(db: Db, platformId: string, classDate: string) {
  const [row] = await db
    .select()
    .from(announcementAttempts)
    .where(and(eq(announcementAttempts.platformId, platformId), eq(announcementAttempts.classDate, classDate)));
  return row ?? null;
}
