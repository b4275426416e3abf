import type { Db } from "../../db/client.js";
import type { Actor } from "../../lti/actor.js";
import { deleteCoordinator, upsertCoordinator } from "./admin-queries.js";
import type { CoordinatorInput } from "./schemas.js";

/** Puts a person on the platform's coordinator list (again: their name is updated). */
export async function addCoordinator(db: Db, actor: Actor, input: CoordinatorInput, now: Date): Promise<void> {
  await upsertCoordinator(db, { platformId: actor.platformId, userId: input.userId, name: input.name, createdAt: now });
}

/** Takes a person off the list (Administrators stay coordinators through their Moodle role). */
export async function removeCoordinator(db: Db, actor: Actor, userId: string): Promise<void> {
  await deleteCoordinator(db, actor.platformId, userId);
}
