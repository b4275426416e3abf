import { definePolicy } from "../policy.js";
import type { Actor } from "../lti/actor.js";

/** What the policy needs to know beyond the launch: is the actor on the platform's coordinator list? */
export interface PlanningContext {
  isListedCoordinator: boolean;
}

/** Who may do what with study days: coordinators only (institution Administrators or listed people). */
export const planningPolicy = {
  "planning.coordinate": (a: Actor, c: PlanningContext) => a.isAdmin || c.isListedCoordinator,
} as const;

export type PlanningAction = keyof typeof planningPolicy;

export const { can, authorize } = definePolicy(planningPolicy, () => "planning.errors.forbidden");
