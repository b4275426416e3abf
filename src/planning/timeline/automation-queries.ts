import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { studyDayAutomation } from "../../db/schema.js";

/** The platform's paused days. */
export async function isPausedMap(db: Db, platformId: string): Promise<Set<string>> {
  const rows = await db
    .select({ classDate: studyDayAutomation.classDate })
    .from(studyDayAutomation)
    .where(and(eq(studyDayAutomation.platformId, platformId), eq(studyDayAutomation.isPaused, true)));
  return new Set(rows.map((r) => r.classDate));
}
