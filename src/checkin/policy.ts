import { definePolicy, isStaff } from "../policy.js";
import type { Actor } from "../lti/actor.js";

/** Who may do what with self check-in: one line per action. */
export const checkinPolicy = {
  "checkin.manage": isStaff,
  "checkin.project": isStaff,
  "checkin.log": isStaff,
  "checkin.self": (a: Actor) => a.isStudent,
} as const;

export type CheckinAction = keyof typeof checkinPolicy;

export const { can, authorize } = definePolicy(checkinPolicy);
