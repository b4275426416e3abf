import type { Db } from "../../db/client.js";
import { planningSettings } from "../../db/schema.js";
import type { Actor } from "../../lti/actor.js";
import type { PlanningSettingsInput } from "./schemas.js";

/** Saves the platform's study-day settings (classes already planned keep their times; edit them to move them). */
export async function savePlanningSettings(
  db: Db,
  actor: Actor,
  input: PlanningSettingsInput,
  now: Date,
): Promise<void> {
  const values = { ...input, updatedAt: now };
  await db
    .insert(planningSettings)
    .values({ platformId: actor.platformId, ...values })
    .onConflictDoUpdate({ target: planningSettings.platformId, set: values });
}
