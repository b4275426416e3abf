import type { Db } from "../../db/client.js";
import type { Actor } from "../../lti/actor.js";
import { upsertPlanningSettings } from "./admin-queries.js";
import type { PlanningSettingsInput } from "./schemas.js";

/** Saves the platform's study-day settings (classes already planned keep their times; edit them to move them). */
export async function savePlanningSettings(
  db: Db,
  actor: Actor,
  input: PlanningSettingsInput,
  now: Date,
): Promise<void> {
  await upsertPlanningSettings(db, actor.platformId, { ...input, updatedAt: now });
}
