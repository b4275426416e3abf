import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { courses } from "../db/schema.js";

/** The LTI context ids (Moodle's course ids) of the platform's courses, by Rollbook course id. */
export async function listCourseContexts(
  db: Db,
  platformId: string,
  courseIds: number[],
): Promise<Map<number, string>> {
  if (courseIds.length === 0) return new Map();
  const rows = await db
    .select({ id: courses.id, contextId: courses.contextId })
    .from(courses)
    .where(and(eq(courses.platformId, platformId), inArray(courses.id, courseIds)));
  return new Map(rows.map((r) => [r.id, r.contextId]));
}
