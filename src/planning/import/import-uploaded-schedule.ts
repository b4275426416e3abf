import type { MoodleClientTuning } from "../../bridge/index.js";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lti/actor.js";
import { courseCheck } from "./course-check.js";
import { importSchedule, type ImportResult } from "./import-schedule.js";

/** An upload's outcome; `isUnchecked` when Moodle did not answer and the courses went in unchecked. */
export type UploadResult = ImportResult & { isUnchecked: boolean };

/**
 * A schedule file a coordinator uploaded: its courses checked against the platform's Moodle when it is connected
 * (`onUnchecked` hears why a check was skipped), then imported.
 */
export async function importUploadedSchedule(
  deps: { db: Db; encryptionKey: string; moodleTuning?: MoodleClientTuning },
  actor: Actor,
  file: Buffer,
  now: Date,
  onUnchecked: (err: unknown) => void,
): Promise<UploadResult> {
  const courses = await courseCheck(deps, actor.platformId, onUnchecked);
  const result = await importSchedule(deps.db, actor, file, now, courses.check);
  return { ...result, isUnchecked: courses.wasSkipped() };
}
