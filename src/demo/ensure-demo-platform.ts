import type { Lti } from "../lti/provider.js";
import type { DemoKeys } from "./demo-keys.js";
import { DEMO_CLIENT_ID } from "./demo-people.js";
import { demoIssuer } from "./demo-issuer.js";

/**
 * Registers the built-in demo platform with ltijs (its public key given directly, so no key fetch), or,
 * when the demo is switched off, deactivates a demo platform left from an earlier start.
 */
export async function ensureDemoPlatform(lti: Lti, keys: DemoKeys | null, publicUrl: string): Promise<string | null> {
  const issuer = demoIssuer(publicUrl);
  const existing = (await lti.listPlatforms()).find((p) => p.issuer === issuer && p.clientId === DEMO_CLIENT_ID);
  if (!keys) {
    if (existing?.active) await lti.setPlatformActive(existing.id, false);
    return null;
  }
  const platform = await lti.registerPlatform({
    name: "Rollbook demo",
    issuer,
    clientId: DEMO_CLIENT_ID,
    authEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    keySet: keys.publicPem,
    keyType: "RSA_KEY",
    active: true,
  });
  return platform.id;
}
