import type { NrpsMember } from "../lti/ltijs-types.js";
import { roleKinds } from "../lti/roles.js";

export interface RosterEntry {
  userId: string;
  name: string;
  givenName: string;
  familyName: string;
  email: string | null;
  username: string | null;
  roles: string[];
  isLearner: boolean;
  isEnrolled: boolean;
}

/** Moodle sends status Active/Inactive/Deleted; only Active counts as enrolled. */
function isActive(m: NrpsMember): boolean {
  return (m.status ?? "Active") === "Active";
}

/**
 * What a roster sync writes: every fetched member (enrolled unless inactive), and every known member who
 * is missing from the platform's answer marked as no longer enrolled. Pure; the caller stamps the time.
 */
export function planRoster(
  knownUserIds: readonly string[],
  fetched: readonly NrpsMember[],
): { upserts: RosterEntry[]; left: string[] } {
  const seen = new Set<string>();
  const upserts = fetched.map((m) => {
    seen.add(m.user_id);
    const kinds = roleKinds(m.roles ?? []);
    return {
      userId: m.user_id,
      name: m.name ?? [m.given_name, m.family_name].filter(Boolean).join(" "),
      givenName: m.given_name ?? "",
      familyName: m.family_name ?? "",
      email: m.email ?? null,
      username: m.ext_user_username ?? null,
      roles: m.roles ?? [],
      isLearner: kinds.has("student") && !kinds.has("lecturer"),
      isEnrolled: isActive(m),
    };
  });
  const left = knownUserIds.filter((id) => !seen.has(id));
  return { upserts, left };
}

/** True when the roster was never synced or is older than maxAgeMinutes at `now`. */
export function isRosterStale(syncedAt: Date | null, maxAgeMinutes: number, now: Date): boolean {
  if (!syncedAt) return true;
  return now.getTime() - syncedAt.getTime() > maxAgeMinutes * 60_000;
}
