import { definePolicy } from "../policy.js";
import type { Actor } from "../lti/actor.js";

/** Who may do what with the Moodle bridge: one line per action. */
export const bridgePolicy = {
  "bridge.connect": (a: Actor) => a.isAdmin,
  "bridge.message": (a: Actor) => a.isLecturer || a.isAdmin,
  "bridge.sync": (a: Actor) => a.isLecturer || a.isAdmin,
} as const;

export type BridgeAction = keyof typeof bridgePolicy;

export const { can, authorize } = definePolicy(
  bridgePolicy,
  (action) => `bridge.forbidden.${action.replace("bridge.", "")}`,
);
