import type { T } from "../i18n/i18n.js";
import type { Actor } from "../lti/actor.js";
import type { BridgeRouteDeps } from "./routes.js";
import { moodleFor, previewAttendanceImport, type ImportResult } from "./import-moodle-attendance.js";
import { presentImportResult } from "./present-import.js";
import { getAttendanceLink } from "./queries.js";
import { listMoodleAttendances } from "./read-moodle-attendance.js";

/** What the page reads Moodle with. */
export type PageDeps = Pick<BridgeRouteDeps, "db" | "encryptionKey" | "moodleTuning">;

/** The page: Moodle's Attendance activities, the preview of the chosen one, and the last import's result. */
export async function getImportPage(
  deps: PageDeps,
  actor: Actor,
  activityId: number,
  chosen: number | null,
  done: boolean,
  t: T,
) {
  const { db, encryptionKey, moodleTuning } = deps;
  const { client, moodleCourseId, activity } = await moodleFor(db, encryptionKey, actor, activityId, moodleTuning);
  const attendances = await listMoodleAttendances(client, moodleCourseId);
  if (chosen === null) return { activityId, attendances, preview: null, result: null, chosen, problem: "" };
  const { plan } = await previewAttendanceImport(db, encryptionKey, actor, activityId, chosen, moodleTuning);
  const link = await getAttendanceLink(db, activity.id, "import", chosen);
  const result = done && link?.lastResult ? presentImportResult(link.lastResult as ImportResult, t) : null;
  return { activityId, attendances, preview: plan, result, chosen, problem: "" };
}
