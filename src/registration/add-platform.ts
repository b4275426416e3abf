import { z } from "zod";
import type { Lti, PlatformSummary } from "../lti/provider.js";

/** One platform as an admin describes it (CLI flags or a JSON file in lti-config/). Moodle's URLs are derived from `issuer` when not given. */
export const addPlatformSchema = z
  .object({
    name: z.string().trim().min(1).default("Moodle"),
    issuer: z.url().transform((u) => u.replace(/\/+$/, "")),
    clientId: z.string().trim().min(1),
    authEndpoint: z.url().optional(),
    tokenEndpoint: z.url().optional(),
    jwksUrl: z.url().optional(),
    active: z.boolean().default(true),
  })
  .transform((p) => ({
    ...p,
    authEndpoint: p.authEndpoint ?? `${p.issuer}/mod/lti/auth.php`,
    tokenEndpoint: p.tokenEndpoint ?? `${p.issuer}/mod/lti/token.php`,
    jwksUrl: p.jwksUrl ?? `${p.issuer}/mod/lti/certs.php`,
  }));
export type AddPlatformInput = z.input<typeof addPlatformSchema>;

/** Registers (or updates) a platform by hand; keys for it are made by ltijs and published at /lti/keys. */
export async function addPlatform(
  lti: Pick<Lti, "registerPlatform">,
  input: AddPlatformInput,
): Promise<PlatformSummary> {
  const p = addPlatformSchema.parse(input);
  return lti.registerPlatform({
    name: p.name,
    issuer: p.issuer,
    clientId: p.clientId,
    authEndpoint: p.authEndpoint,
    tokenEndpoint: p.tokenEndpoint,
    keySet: p.jwksUrl,
    keyType: "JWK_SET",
    active: p.active,
  });
}

/** The platforms in a JSON file: one object or an array of them (see lti-config/platform.example.json). */
export function parsePlatformFile(json: unknown): AddPlatformInput[] {
  const list = Array.isArray(json) ? json : [json];
  return list.map((item, i) => {
    const r = addPlatformSchema.safeParse(item);
    if (!r.success)
      throw new Error(
        `platform ${i + 1}: ${r.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`,
      );
    return item as AddPlatformInput;
  });
}
