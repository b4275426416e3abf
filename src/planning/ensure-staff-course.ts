import type { Db } from "../db/client.js";
import { insertPlanningSettingsIfAbsent } from "./admin/admin-queries.js";
import { DEFAULT_SLOTS } from "./slots.js";

/**
 * Makes a course the platform's staff course (coordinators launching there land on the study days), unless the
 * platform already has settings: the demo calls it at start so its coordinator launch works out of the box.
 */
export async function ensureStaffCourse(db: Db, platformId: string, contextId: string): Promise<void> {
  await insertPlanningSettingsIfAbsent(db, { platformId, slots: [...DEFAULT_SLOTS], staffContextId: contextId });
}
