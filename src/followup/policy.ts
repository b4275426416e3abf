import type { Actor } from "../lti/actor.js";
import { definePolicy, isStaff } from "../policy.js";

/** What the follow-up policy needs beyond the launch: is the actor on the platform's coordinator list? */
export interface FollowupContext {
  isListedCoordinator: boolean;
}

/**
 * Lecturers (and admins) set an activity's rules and see its students at risk; coordinators and admins see the
 * list for every course of the platform; students see only their own warnings.
 */
export const followupPolicy = {
  "followup.manage": (a: Actor) => isStaff(a),
  "followup.view": (a: Actor, c: FollowupContext) => isStaff(a) || c.isListedCoordinator,
  "followup.view_platform": (a: Actor, c: FollowupContext) => a.isAdmin || c.isListedCoordinator,
  "followup.own": (a: Actor) => a.isStudent,
} as const;

export const { can, authorize } = definePolicy(followupPolicy, (action) => `followup.errors.${action.split(".")[1]}`);
