import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { classPublications, publishedAnnouncements, studyClasses } from "../../db/schema.js";

export type ClassPublicationRow = typeof classPublications.$inferSelect;

/** The last publishing outcome of each class of a date. */
export async function listDayPublications(db: Db, platformId: string, classDate: string): Promise<ClassPublicationRow[]> {
  const rows = await db
    .select({ p: classPublications })
    .from(classPublications)
    .innerJoin(studyClasses, eq(studyClasses.id, classPublications.classId))
    .where(and(eq(classPublications.platformId, platformId), eq(studyClasses.classDate, classDate)));
  return rows.map((r) => r.p);
}

/** The date's announcement in the information course, if one was posted. */
export async function getDayAnnouncement(db: Db, platformId: string, classDate: string) {
  const [row] = await db.select().from(publishedAnnouncements).where(and(eq(publishedAnnouncements.platformId, platformId), eq(publishedAnnouncements.classDate, classDate)));
  return row ?? null;
}
