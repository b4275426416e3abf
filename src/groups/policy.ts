import { definePolicy } from "../policy.js";
import type { Actor } from "../lti/actor.js";

/** Who may do what with course groups. */
export const groupPolicy = {
  "groups.manage": (a: Actor) => a.isLecturer || a.isAdmin,
} as const;

export const { can, authorize } = definePolicy(groupPolicy);
