import { definePolicy } from "../policy.js";
import type { Actor } from "../lti/actor.js";

/** Who may do what with an activity: one line per action. */
export const activityPolicy = {
  "activity.manage": (a: Actor) => a.isLecturer || a.isAdmin,
  "activity.view_own": (a: Actor) => a.isStudent || a.isLecturer || a.isAdmin,
  "activity.create": (a: Actor) => a.isLecturer || a.isAdmin,
  "roster.refresh": (a: Actor) => a.isLecturer || a.isAdmin,
} as const;

export type ActivityAction = keyof typeof activityPolicy;

export const { can, authorize } = definePolicy(activityPolicy);
