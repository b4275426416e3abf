import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { sortPeople } from "../i18n/compare-people.js";
import { classChanges, planningCoordinators, planningSettings, studyClasses, zoomHosts } from "../db/schema.js";
import { getAnnouncementAttempt, listDayPublications } from "./publish/publication-queries.js";
import { DEFAULT_SLOTS, DEFAULT_ZONE, type Slot } from "./slots.js";

export type StudyClassRow = typeof studyClasses.$inferSelect;
export type ZoomHostRow = typeof zoomHosts.$inferSelect;
export type ClassChangeRow = typeof classChanges.$inferSelect;

/** An institution's study-day settings; defaults (two slots, Europe/Riga) until a coordinator changes them. */
export interface PlanningSettings {
  timezone: string;
  slots: readonly Slot[];
  staffContextId: string | null;
  infoCourseRef: string | null;
}

/** The platform's settings, or the defaults. */
export async function getPlanningSettings(db: Db, platformId: string): Promise<PlanningSettings> {
  const [row] = await db.select().from(planningSettings).where(eq(planningSettings.platformId, platformId)).limit(1);
  return row
    ? { timezone: row.timezone, slots: row.slots, staffContextId: row.staffContextId, infoCourseRef: row.infoCourseRef }
    : { timezone: DEFAULT_ZONE, slots: DEFAULT_SLOTS, staffContextId: null, infoCourseRef: null };
}

/** The classes of one local date on the platform, in time order. */
export async function listDayClasses(db: Db, platformId: string, classDate: string): Promise<StudyClassRow[]> {
  return db
    .select()
    .from(studyClasses)
    .where(and(eq(studyClasses.platformId, platformId), eq(studyClasses.classDate, classDate)))
    .orderBy(asc(studyClasses.startsAt), asc(studyClasses.courseRef), asc(studyClasses.id));
}

/** One class of the platform; another platform's class answers null, as a missing one does. */
export async function getClass(db: Db, platformId: string, classId: number): Promise<StudyClassRow | null> {
  const [row] = await db
    .select()
    .from(studyClasses)
    .where(and(eq(studyClasses.id, classId), eq(studyClasses.platformId, platformId)))
    .limit(1);
  return row ?? null;
}

/** Classes of the platform by natural key (for re-imports). */
export async function listClassesByKey(db: Db, platformId: string, keys: string[]): Promise<StudyClassRow[]> {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(studyClasses)
    .where(and(eq(studyClasses.platformId, platformId), inArray(studyClasses.naturalKey, keys)));
}

/** The platform's coordinator list, by name (comparePeople: Latvian order). */
export async function listCoordinators(db: Db, platformId: string) {
  return sortPeople(
    await db.select().from(planningCoordinators).where(eq(planningCoordinators.platformId, platformId)),
  );
}

/** The platform's Zoom host pool, in the order hosts were added. */
export async function listZoomHosts(db: Db, platformId: string): Promise<ZoomHostRow[]> {
  return db.select().from(zoomHosts).where(eq(zoomHosts.platformId, platformId)).orderBy(asc(zoomHosts.id));
}

/** The dates that have classes, with how many, for the study-day index. */
export async function listPlanDates(db: Db, platformId: string): Promise<Array<{ classDate: string; count: number }>> {
  const rows = await db
    .select({ classDate: studyClasses.classDate })
    .from(studyClasses)
    .where(eq(studyClasses.platformId, platformId))
    .orderBy(asc(studyClasses.classDate));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.classDate, (counts.get(r.classDate) ?? 0) + 1);
  return [...counts].map(([classDate, count]) => ({ classDate, count }));
}

/** A class's change history, oldest first. */
export async function listClassChanges(db: Db, classId: number): Promise<ClassChangeRow[]> {
  return db
    .select()
    .from(classChanges)
    .where(eq(classChanges.classId, classId))
    .orderBy(asc(classChanges.at), asc(classChanges.id));
}

/** Everything a study day's plan page shows: its classes, the host pool, Moodle publications, the announcement. */
export async function getDayPlan(db: Db, platformId: string, classDate: string) {
  const settings = await getPlanningSettings(db, platformId);
  const [rows, hosts, publications, announcement] = await Promise.all([
    listDayClasses(db, platformId, classDate),
    listZoomHosts(db, platformId),
    listDayPublications(db, platformId, classDate),
    getAnnouncementAttempt(db, platformId, classDate),
  ]);
  return { classDate, settings, rows, hosts, publications, announcement };
}
export type DayPlan = Awaited<ReturnType<typeof getDayPlan>>;

/** A class with what its edit page shows (hosts, zone, history); null for a missing class or another platform's. */
export async function getClassPage(db: Db, platformId: string, classId: number) {
  const row = await getClass(db, platformId, classId);
  if (!row) return null;
  const settings = await getPlanningSettings(db, platformId);
  const hosts = await listZoomHosts(db, platformId);
  return { row, settings, hosts, changes: await listClassChanges(db, row.id) };
}
export type ClassPage = NonNullable<Awaited<ReturnType<typeof getClassPage>>>;
