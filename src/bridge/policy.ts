import type { Actor } from "../lti/actor.js";
import { Forbidden } from "../errors.js";

/** Who may do what with the Moodle bridge: one line per action. */
export const bridgePolicy = {
  "bridge.connect": (a: Actor) => a.isAdmin,
  "bridge.message": (a: Actor) => a.isLecturer || a.isAdmin,
  "bridge.sync": (a: Actor) => a.isLecturer || a.isAdmin,
} as const;

export type BridgeAction = keyof typeof bridgePolicy;

/** For views: may the actor do this? */
export function can(actor: Actor, action: BridgeAction): boolean {
  return bridgePolicy[action](actor);
}

/** Throws Forbidden (with the page's own message) unless the actor may do this. */
export function authorize(actor: Actor, action: BridgeAction): void {
  if (!can(actor, action)) throw Forbidden(`bridge.forbidden.${action.replace("bridge.", "")}`);
}
