import { Forbidden } from "./errors.js";
import type { Actor } from "./lti/actor.js";

/** The course's teaching staff: a lecturer of the course, or an administrator of the platform. */
export const isStaff = (actor: Actor): boolean => actor.isLecturer || actor.isAdmin;

/** A feature's policy table: one pure predicate per action, on the actor and (for some) a context. */
type Table = Record<string, (actor: Actor, ...context: never[]) => boolean>;
type ContextOf<F> = F extends (actor: Actor, ...context: infer C) => boolean ? C : never;

/** The default message of a refusal: `errors.forbidden_<feature>_<action>`. */
export const forbiddenKey = (action: string) => `errors.forbidden_${action.replace(".", "_")}`;

/**
 * `can` (for views) and `authorize` (throws Forbidden with the action's message) over a policy table, so each
 * feature's policy.ts holds only its table.
 */
export function definePolicy<T extends Table>(
  table: T,
  messageKey: (action: keyof T & string) => string = forbiddenKey,
) {
  const can = <A extends keyof T & string>(actor: Actor, action: A, ...context: ContextOf<T[A]>): boolean =>
    (table[action] as (actor: Actor, ...c: ContextOf<T[A]>) => boolean)(actor, ...context);
  const authorize = <A extends keyof T & string>(actor: Actor, action: A, ...context: ContextOf<T[A]>): void => {
    if (!can(actor, action, ...context)) throw Forbidden(messageKey(action));
  };
  return { can, authorize };
}
