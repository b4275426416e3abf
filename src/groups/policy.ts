import { Forbidden } from "../errors.js";
import type { Actor } from "../lti/actor.js";

/** Who may do what with course groups. */
export const groupPolicy = {
  "groups.manage": (a: Actor) => a.isLecturer || a.isAdmin,
} as const;

/** Throws Forbidden unless the actor may do this. */
export function authorize(actor: Actor, action: keyof typeof groupPolicy): void {
  if (!groupPolicy[action](actor)) throw Forbidden(`errors.forbidden_${action.replace(".", "_")}`);
}
