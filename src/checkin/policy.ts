import { Forbidden } from "../errors.js";
import type { Actor } from "../lti/actor.js";

const lecturer = (a: Actor) => a.isLecturer || a.isAdmin;

/** Who may do what with self check-in: one line per action. */
export const checkinPolicy = {
  "checkin.manage": lecturer,
  "checkin.project": lecturer,
  "checkin.log": lecturer,
  "checkin.self": (a: Actor) => a.isStudent,
} as const;

export type CheckinAction = keyof typeof checkinPolicy;

/** For views: may the actor do this? */
export function can(actor: Actor, action: CheckinAction): boolean {
  return checkinPolicy[action](actor);
}

/** Throws Forbidden unless the actor may do this. */
export function authorize(actor: Actor, action: CheckinAction): void {
  if (!can(actor, action)) throw Forbidden(`errors.forbidden_${action.replace(".", "_")}`);
}
