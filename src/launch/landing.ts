import type { Actor } from "../lti/actor.js";

/** Where a verified resource-link launch lands: a table of rules, first match wins. */
export const LANDING_RULES: ReadonlyArray<{ when: (a: Actor) => boolean; path: (a: Actor) => string }> = [
  { when: (a) => a.isLecturer || a.isAdmin, path: (a) => `/activities/${a.activityId}` },
  { when: () => true, path: (a) => `/activities/${a.activityId}/me` },
];

/** The first page a launched actor sees. */
export function landingPath(actor: Actor): string {
  const rule = LANDING_RULES.find((r) => r.when(actor));
  return rule ? rule.path(actor) : `/activities/${actor.activityId}/me`;
}
