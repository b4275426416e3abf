import { Forbidden } from "../errors.js";
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

/** For views and landing: may the actor do this? */
export function can(actor: Actor, action: PlanningAction, context: PlanningContext): boolean {
  return planningPolicy[action](actor, context);
}

/** Throws Forbidden (a page saying study days are for coordinators) unless the actor may do this. */
export function authorize(actor: Actor, action: PlanningAction, context: PlanningContext): void {
  if (!can(actor, action, context)) throw Forbidden("planning.errors.forbidden");
}
