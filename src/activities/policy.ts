import { definePolicy, isStaff } from "../policy.js";
import type { Actor } from "../lti/actor.js";

/** Who may do what with an activity: one line per action. */
export const activityPolicy = {
  "activity.manage": isStaff,
  "activity.view_own": (a: Actor) => a.isStudent || a.isLecturer || a.isAdmin,
  "activity.create": isStaff,
  "roster.refresh": isStaff,
} as const;

export type ActivityAction = keyof typeof activityPolicy;

export const { can, authorize } = definePolicy(activityPolicy);
