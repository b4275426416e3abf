import type { Actor } from "../lti/actor.js";
import { isStaff } from "../policy.js";

/** What the launch knows beyond the actor (looked up once per launch by the handler). */
export interface LandingFacts {
  /** A study-day coordinator launching from the platform's staff course. */
  isStudyDayLaunch: boolean;
  /** This browser scanned a check-in link before signing in: finish that check-in first. */
  hasPendingCheckin?: boolean;
}

const NO_FACTS: LandingFacts = { isStudyDayLaunch: false };

/** Where a verified resource-link launch lands: a table of rules, first match wins. */
export const LANDING_RULES: ReadonlyArray<{
  when: (a: Actor, f: LandingFacts) => boolean;
  path: (a: Actor) => string;
}> = [
  {
    when: (a, f) => Boolean(f.hasPendingCheckin) && a.isStudent,
    path: (a) => `/activities/${a.activityId}/checkin/pending`,
  },
  { when: (_a, f) => f.isStudyDayLaunch, path: (a) => `/activities/${a.activityId}/study-days` },
  { when: isStaff, path: (a) => `/activities/${a.activityId}` },
  { when: () => true, path: (a) => `/activities/${a.activityId}/me` },
];

/** The first page a launched actor sees. */
export function landingPath(actor: Actor, facts: LandingFacts = NO_FACTS): string {
  const rule = LANDING_RULES.find((r) => r.when(actor, facts));
  return rule ? rule.path(actor) : `/activities/${actor.activityId}/me`;
}
