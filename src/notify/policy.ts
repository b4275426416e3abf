import type { Actor } from "../lti/actor.js";
import { definePolicy } from "../policy.js";

/** What the outbox policy needs beyond the launch: is the actor on the platform's coordinator list? */
export interface OutboxContext {
  isListedCoordinator: boolean;
}

/**
 * Coordinators and admins see the whole platform's outbox; a lecturer sees the messages about their own courses;
 * students see none.
 */
export const notifyPolicy = {
  "notify.view_platform": (a: Actor, c: OutboxContext) => a.isAdmin || c.isListedCoordinator,
  "notify.view": (a: Actor, c: OutboxContext) => a.isAdmin || c.isListedCoordinator || a.isLecturer,
} as const;

export const { can, authorize } = definePolicy(notifyPolicy, () => "notify.errors.forbidden");
