import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { courses } from "../../db/schema.js";
import { getPlanningSettings, listCoordinators, listZoomHosts } from "../queries.js";

/** The platform's courses Rollbook knows (launched from), by title: the choices for the staff course. */
export async function listPlatformCourses(db: Db, platformId: string) {
  return db
    .select({ contextId: courses.contextId, title: courses.title, label: courses.label })
    .from(courses)
    .where(eq(courses.platformId, platformId))
    .orderBy(asc(courses.title));
}

/** What the settings page shows: the settings, the Zoom host pool, the coordinator list and the known courses. */
export async function getSettingsPage(db: Db, platformId: string) {
  const [settings, hosts, people, known] = await Promise.all([
    getPlanningSettings(db, platformId),
    listZoomHosts(db, platformId),
    listCoordinators(db, platformId),
    listPlatformCourses(db, platformId),
  ]);
  return { settings, hosts, people, courses: known };
}
export type SettingsPage = Awaited<ReturnType<typeof getSettingsPage>>;
