import type { Lti, PlatformSummary } from "../lti/provider.js";

/** Finds a platform by its id, or by issuer (optionally with client id) when that is unambiguous. */
export async function findPlatform(
  lti: Pick<Lti, "listPlatforms">,
  ref: string,
  clientId?: string,
): Promise<PlatformSummary> {
  const all = await lti.listPlatforms();
  const byId = all.find((p) => p.id === ref);
  if (byId) return byId;
  const matches = all.filter((p) => p.issuer === ref.replace(/\/+$/, "") && (!clientId || p.clientId === clientId));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1)
    throw new Error(`${matches.length} platforms have issuer ${ref}; give --client-id or the platform id`);
  throw new Error(`No platform ${ref}`);
}

/** Activates (or deactivates) a pending platform, e.g. one added by dynamic registration with auto-activation off. */
export async function activatePlatform(
  lti: Pick<Lti, "listPlatforms" | "setPlatformActive">,
  ref: string,
  active: boolean,
  clientId?: string,
): Promise<PlatformSummary> {
  const p = await findPlatform(lti, ref, clientId);
  await lti.setPlatformActive(p.id, active);
  return { ...p, active };
}
