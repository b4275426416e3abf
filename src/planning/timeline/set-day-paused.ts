import type { Db } from "../../db/client.js";
import { studyDayAutomation } from "../../db/schema.js";
import type { Actor } from "../../lti/actor.js";

/** Pauses or resumes the automation of one study day (the caller has checked the actor is a coordinator). */
export async function setDayPaused(db: Db, actor: Actor, date: string, isPaused: boolean, now: Date): Promise<void> {
  const values = { isPaused, changedBy: actor.userId, updatedAt: now };
  await db
    .insert(studyDayAutomation)
    .values({ platformId: actor.platformId, classDate: date, ...values })
    .onConflictDoUpdate({ target: [studyDayAutomation.platformId, studyDayAutomation.classDate], set: values });
}
