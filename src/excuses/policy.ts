import type { Actor } from "../lti/actor.js";
import { definePolicy, isStaff } from "../policy.js";

/**
 * Students report their own absences and withdraw their own waiting requests; the course's teaching staff see
 * every request of the activity and decide. A file goes only to the staff and the student who sent it.
 */
export const excusePolicy = {
  "excuses.submit": (a: Actor) => a.isStudent,
  "excuses.review": (a: Actor) => isStaff(a),
  "excuses.decide": (a: Actor) => isStaff(a),
  "excuses.download": (a: Actor, excuse: { userId: string }) => isStaff(a) || a.userId === excuse.userId,
} as const;

export const { can, authorize } = definePolicy(excusePolicy, (action) => `excuses.errors.${action.split(".")[1]}`);
