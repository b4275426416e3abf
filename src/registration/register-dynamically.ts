import type { Lti, PlatformSummary } from "../lti/provider.js";
import { LTI_ROUTES } from "../lti/provider.js";
import { boundedFetch, fetchPlatformConfiguration, RegistrationFailure } from "./platform-configuration.js";

const TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
const SCOPES = [
  "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
];
/** Moodle's registration refusals we can word for the admin; any other answer is "failed", its text only logged. */
const KNOWN_REASONS = new Set(["token_already_used", "missing_registration_token", "domain_targetlinkuri_mismatch"]);

export interface ToolIdentity {
  publicUrl: string;
  toolName: string;
}

/** The LTI Dynamic Registration request: our login, launch and key-set URLs, deep linking, AGS and NRPS. */
function registrationRequest(tool: ToolIdentity, claims: string[] | undefined): Record<string, unknown> {
  const base = `${tool.publicUrl}/lti`;
  return {
    application_type: "web",
    response_types: ["id_token"],
    grant_types: ["implicit", "client_credentials"],
    initiate_login_uri: `${base}${LTI_ROUTES.login}`,
    redirect_uris: [`${base}${LTI_ROUTES.launch}`],
    client_name: tool.toolName,
    jwks_uri: `${base}${LTI_ROUTES.keys}`,
    token_endpoint_auth_method: "private_key_jwt",
    scope: SCOPES.join(" "),
    [TOOL_CONFIGURATION]: {
      domain: new URL(tool.publicUrl).host,
      description: "Apmeklējums un studiju dienas / Attendance and study days",
      target_link_uri: `${base}${LTI_ROUTES.launch}`,
      claims: claims ?? ["iss", "sub", "name", "given_name", "family_name", "email"],
      messages: [{ type: "LtiResourceLinkRequest" }, { type: "LtiDeepLinkingRequest" }],
    },
  };
}

/** A short reason from the platform's refusal: a known code, or "failed" (the platform's own words stay in the log). */
function refusalReason(status: number, body: string): string {
  const text = body.trim();
  return KNOWN_REASONS.has(text) ? text : status >= 500 ? "unreachable" : "failed";
}

/**
 * Registers Rollbook with a platform by LTI Dynamic Registration after the route admitted it: reads the platform's
 * configuration (checked hosts), posts our registration with Moodle's token, and saves the platform, active or
 * pending as admitted.
 */
export async function registerDynamically(
  lti: Pick<Lti, "listPlatforms" | "registerPlatform">,
  tool: ToolIdentity,
  input: { openidUrl: URL; registrationToken: string | undefined; active: boolean; production: boolean },
): Promise<PlatformSummary> {
  const config = await fetchPlatformConfiguration(input.openidUrl, input.production);
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (input.registrationToken) headers.authorization = `Bearer ${input.registrationToken}`;
  const { status, body } = await boundedFetch(new URL(config.registration_endpoint), {
    method: "POST",
    headers,
    body: JSON.stringify(registrationRequest(tool, config.claims_supported)),
  });
  if (status !== 200 && status !== 201) {
    throw new RegistrationFailure(refusalReason(status, body), `HTTP ${status}: ${body.slice(0, 300)}`);
  }
  let clientId: unknown;
  try {
    clientId = (JSON.parse(body) as { client_id?: unknown }).client_id;
  } catch {
    clientId = undefined;
  }
  if (typeof clientId !== "string" || clientId === "") {
    throw new RegistrationFailure("failed", `no client_id in ${body.slice(0, 300)}`);
  }
  const issuer = config.issuer.replace(/\/+$/, "");
  const known = (await lti.listPlatforms()).some((p) => p.issuer === issuer && p.clientId === clientId);
  if (known) throw new RegistrationFailure("already_registered", `${issuer} ${clientId}`);
  const family = config["https://purl.imsglobal.org/spec/lti-platform-configuration"]?.product_family_code;
  return lti.registerPlatform({
    name: `${family ?? "platform"} ${config.issuerUrl.host}`,
    issuer,
    clientId,
    authEndpoint: config.authorization_endpoint,
    tokenEndpoint: config.token_endpoint,
    keySet: config.jwks_uri,
    keyType: "JWK_SET",
    active: input.active,
  });
}
