import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { planningCoordinators } from "../../db/schema.js";
import type { Actor } from "../../lti/actor.js";
import type { CoordinatorInput } from "./schemas.js";

/** Puts a person on the platform's coordinator list (again: their name is updated). */
export async function addCoordinator(db: Db, actor: Actor, input: CoordinatorInput, now: Date): Promise<void> {
  await db
    .insert(planningCoordinators)
    .values({ platformId: actor.platformId, userId: input.userId, name: input.name, createdAt: now })
    .onConflictDoUpdate({
      target: [planningCoordinators.platformId, planningCoordinators.userId],
      set: { name: input.name },
    });
}

/** Takes a person off the list (Administrators stay coordinators through their Moodle role). */
export async function removeCoordinator(db: Db, actor: Actor, userId: string): Promise<void> {
  await db
    .delete(planningCoordinators)
    .where(and(eq(planningCoordinators.platformId, actor.platformId), eq(planningCoordinators.userId, userId)));
}
