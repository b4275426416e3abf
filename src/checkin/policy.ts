import { definePolicy } from "../policy.js";
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

export const { can, authorize } = definePolicy(checkinPolicy);
