import { z } from "zod";
import { fetchableUrl, onIssuerHost } from "./rules/registration-rules.js";

/** Why a registration stopped; each reason has one fixed message in both languages (never the platform's text). */
export class RegistrationFailure extends Error {
  constructor(
    readonly reason: string,
    /** For the log only. */
    readonly detail: string,
  ) {
    super(`registration failed: ${reason}`);
  }
}

const configurationSchema = z.object({
  issuer: z.string(),
  registration_endpoint: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  jwks_uri: z.string(),
  claims_supported: z.array(z.string()).optional(),
  "https://purl.imsglobal.org/spec/lti-platform-configuration": z
    .object({ product_family_code: z.string().optional() })
    .optional(),
});
export type PlatformConfiguration = z.infer<typeof configurationSchema>;

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 256 * 1024;

/** One bounded HTTP exchange: no redirects followed, a timeout, a size cap; the body as text. */
export async function boundedFetch(url: URL, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new RegistrationFailure("unreachable", `${url.origin}: ${(err as Error).message}`);
  }
  const body = await res.text();
  if (body.length > MAX_BYTES) throw new RegistrationFailure("bad_configuration", `${url.origin}: body too large`);
  return { status: res.status, body };
}

/**
 * Reads the platform's openid configuration. The address must be fetchable (https; http to loopback outside
 * production), the issuer must be on the same host, and so must every endpoint Rollbook will later call.
 */
export async function fetchPlatformConfiguration(
  openidUrl: URL,
  production: boolean,
): Promise<PlatformConfiguration & { issuerUrl: URL }> {
  const { status, body } = await boundedFetch(openidUrl, { headers: { accept: "application/json" } });
  if (status !== 200) throw new RegistrationFailure("unreachable", `${openidUrl.origin}: HTTP ${status}`);
  let parsed: PlatformConfiguration;
  try {
    parsed = configurationSchema.parse(JSON.parse(body));
  } catch (err) {
    throw new RegistrationFailure("bad_configuration", `${openidUrl.origin}: ${(err as Error).message.slice(0, 300)}`);
  }
  const issuerUrl = fetchableUrl(parsed.issuer, production);
  const endpoints = [
    parsed.registration_endpoint,
    parsed.authorization_endpoint,
    parsed.token_endpoint,
    parsed.jwks_uri,
  ];
  if (!issuerUrl || issuerUrl.host !== openidUrl.host || !onIssuerHost(issuerUrl, endpoints, production)) {
    throw new RegistrationFailure(
      "foreign_host",
      `${openidUrl.origin}: issuer ${parsed.issuer}, endpoints ${endpoints.join(" ")}`,
    );
  }
  return { ...parsed, issuerUrl };
}
