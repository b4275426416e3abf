import type { Actor } from "../lti/actor.js";
import { Forbidden } from "../errors.js";

/** Who may do what with an activity: one line per action. */
export const activityPolicy = {
  "activity.manage": (a: Actor) => a.isLecturer || a.isAdmin,
  "activity.view_own": (a: Actor) => a.isStudent || a.isLecturer || a.isAdmin,
  "activity.create": (a: Actor) => a.isLecturer || a.isAdmin,
  "roster.refresh": (a: Actor) => a.isLecturer || a.isAdmin,
} as const;

export type ActivityAction = keyof typeof activityPolicy;

/** For views: may the actor do this? */
export function can(actor: Actor, action: ActivityAction): boolean {
  return activityPolicy[action](actor);
}

/** Throws Forbidden (with the page's own message) unless the actor may do this. */
export function authorize(actor: Actor, action: ActivityAction): void {
  if (!can(actor, action)) throw Forbidden(`errors.forbidden_${action.replace(".", "_")}`);
}
