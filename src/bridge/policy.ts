import { definePolicy, isStaff } from "../policy.js";
import type { Actor } from "../lti/actor.js";

/** Who may do what with the Moodle bridge: one line per action. */
export const bridgePolicy = {
  "bridge.connect": (a: Actor) => a.isAdmin,
  "bridge.message": isStaff,
  "bridge.sync": isStaff,
} as const;

export type BridgeAction = keyof typeof bridgePolicy;

export const { can, authorize } = definePolicy(
  bridgePolicy,
  (action) => `bridge.forbidden.${action.replace("bridge.", "")}`,
);
