import type { Db } from "../../db/client.js";
import { getMoodleClient, type MoodleClientTuning } from "../../bridge/index.js";
import { unknownCoursesIn, type UnknownCourses } from "./unknown-courses.js";

/** The import's course check for a platform and whether it had to be skipped (Moodle did not answer). */
export interface CourseCheck {
  /** Undefined when the platform has no Moodle connection: courses are then not checked. */
  check: UnknownCourses | undefined;
  wasSkipped(): boolean;
}

/**
 * Checks a schedule's courses against the platform's Moodle when it is connected. When Moodle fails, the import goes
 * on unchecked (publishing reports unknown courses per class later) and the coordinator is told.
 */
export async function courseCheck(
  deps: { db: Db; encryptionKey: string; moodleTuning?: MoodleClientTuning },
  platformId: string,
  onFailure: (err: unknown) => void,
): Promise<CourseCheck> {
  const client = await getMoodleClient(deps.db, deps.encryptionKey, platformId, deps.moodleTuning);
  let skipped = false;
  if (!client) return { check: undefined, wasSkipped: () => false };
  const unknown = unknownCoursesIn(client);
  const check: UnknownCourses = async (refs) => {
    try {
      return await unknown(refs);
    } catch (err) {
      onFailure(err);
      skipped = true;
      return new Set();
    }
  };
  return { check, wasSkipped: () => skipped };
}
