import { randomBytes } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import { jwtVerify, type JWTPayload } from "jose";
import { sendMoodleErrorPage } from "./html.js";
import { signWithPlatformKey } from "./keys.js";
import { scopes, toolConfigurationKey } from "./moodle-data.js";
import type { PlatformState, ToolRecord } from "./state.js";

export interface RegistrationTokenOptions {
  /** The future client_id; random like Moodle's 15 characters when left out. */
  clientId?: string;
  scope?: "reg" | "reg-update";
  /** Seconds from now; Moodle uses 3600. A negative value makes an expired token. */
  expiresIn?: number;
  wrongKey?: boolean;
}

/** The registration_token Moodle puts in the tool's registration URL: RS256 {sub, scope, iat, exp}. */
export async function makeRegistrationToken(
  state: PlatformState,
  opts: RegistrationTokenOptions = {},
): Promise<string> {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const sub = opts.clientId ?? [...randomBytes(15)].map((b) => alphabet[b % alphabet.length]).join("");
  const iat = Math.floor(Date.now() / 1000);
  const payload = { sub, scope: opts.scope ?? "reg", iat, exp: iat + (opts.expiresIn ?? 3600) };
  return signWithPlatformKey(state.keys, payload, { wrongKey: opts.wrongKey });
}

/** A registration_exception: a bare string body, text/html, with its own status. */
class RegistrationError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function requireAttr(body: Record<string, unknown>, name: string): unknown {
  if (body[name] === undefined || body[name] === null)
    throw new RegistrationError(`missing required attribute ${name}`, 400);
  return body[name];
}

/** Moodle keeps AGS as gradesynchronization 1 or 2 and NRPS as memberships, then answers in its own order. */
function grantedScopes(requested: string[]): string[] {
  const granted: string[] = [];
  const ags = [scopes.score, scopes.resultReadonly, scopes.lineItemReadonly, scopes.lineItem];
  if (requested.some((s) => ags.includes(s as (typeof ags)[number])))
    granted.push(scopes.score, scopes.resultReadonly, scopes.lineItemReadonly);
  if (requested.includes(scopes.lineItem)) granted.push(scopes.lineItem);
  if (requested.includes(scopes.memberships)) granted.push(scopes.memberships);
  return granted;
}

/** registration_to_config + lti_add_type + config_to_registration, reduced to what a tool sees. */
function register(state: PlatformState, clientId: string, body: Record<string, unknown>): Record<string, unknown> {
  for (const name of [
    "response_types",
    "initiate_login_uri",
    "redirect_uris",
    "client_name",
    "jwks_uri",
    "token_endpoint_auth_method",
    toolConfigurationKey,
  ]) {
    requireAttr(body, name);
  }
  const config = body[toolConfigurationKey] as Record<string, unknown>;
  const domain = text(config.domain);
  if (!domain) throw new RegistrationError("missing_domain", 400);
  const targetLinkUri = text(config.target_link_uri) ?? `https://${domain}`;
  if (hostOf(targetLinkUri) !== domain) throw new RegistrationError("domain_targetlinkuri_mismatch", 400);
  if (body.token_endpoint_auth_method !== "private_key_jwt")
    throw new RegistrationError("invalid_token_endpoint_auth_method", 400);
  if (body.application_type !== undefined && body.application_type !== "web")
    throw new RegistrationError("invalid_application_type", 400);
  const messages = Array.isArray(config.messages) ? (config.messages as Record<string, unknown>[]) : [];
  const deepLink = messages.find((m) => m.type === "LtiDeepLinkingRequest");
  const claims = Array.isArray(config.claims) ? (config.claims as string[]) : [];
  const granted = grantedScopes(text(body.scope)?.split(" ") ?? []);
  const typeId = String(state.nextTypeId++);
  const redirectUris = (body.redirect_uris as unknown[]).map(String);
  const tool: ToolRecord = {
    clientId,
    typeId,
    state: 2,
    name: String(body.client_name),
    redirectUris,
    targetLinkUri,
    deepLinkUri: text(deepLink?.target_link_uri) ?? targetLinkUri,
    initiateLoginUri: String(body.initiate_login_uri),
    jwksUrl: String(body.jwks_uri),
    scopes: granted,
  };
  state.tools.set(clientId, tool);
  const customParameters = config.custom_parameters as Record<string, unknown> | undefined;
  const sendName = ["name", "given_name", "family_name"].some((c) => claims.includes(c));
  return {
    client_id: clientId,
    response_types: ["id_token"],
    jwks_uri: tool.jwksUrl,
    initiate_login_uri: tool.initiateLoginUri,
    grant_types: ["client_credentials", "implicit"],
    redirect_uris: redirectUris,
    application_type: "web",
    token_endpoint_auth_method: "private_key_jwt",
    client_name: tool.name,
    ...(text(body.logo_uri) ? { logo_uri: body.logo_uri } : {}),
    scope: granted.join(" "),
    [toolConfigurationKey]: {
      version: "1.3.0",
      deployment_id: typeId,
      target_link_uri: targetLinkUri,
      domain,
      ...(text(config.description) ? { description: config.description } : {}),
      // Only the deep-linking message survives; labels, placements and supported_types are dropped.
      ...(deepLink
        ? {
            messages: [
              {
                type: "LtiDeepLinkingRequest",
                ...(text(deepLink.target_link_uri) ? { target_link_uri: deepLink.target_link_uri } : {}),
              },
            ],
          }
        : {}),
      ...(customParameters && Object.keys(customParameters).length > 0 ? { custom_parameters: customParameters } : {}),
      claims: [
        "sub",
        "iss",
        ...(sendName ? ["name", "family_name", "given_name"] : []),
        ...(claims.includes("email") ? ["email"] : []),
      ],
    },
  };
}

async function handleRegistration(state: PlatformState, req: Request, res: Response): Promise<void> {
  const sendText = (status: number, message: string) =>
    res.status(status).type("text/html; charset=utf-8").send(message);
  const token = (req.get("authorization") ?? "").slice(7).trim();
  if (!token) return void sendText(401, "missing_registration_token");
  let claims: JWTPayload;
  try {
    claims = (await jwtVerify(token, state.keys.publicKey, { algorithms: ["RS256"] })).payload;
  } catch (err) {
    // Not a registration_exception: it escapes to Moodle's HTML error page, as a 404.
    return sendMoodleErrorPage(
      res,
      (err as Error).name === "JWTExpired" ? "Expired token" : "Signature verification failed",
    );
  }
  const clientId = String(claims.sub ?? "");
  if (claims.scope !== "reg") return void sendText(400, "unsupported registration scope in this fake (reg-update)");
  if (state.tools.has(clientId)) return void sendText(401, "token_already_used");
  let body: unknown;
  try {
    body = JSON.parse(typeof req.body === "string" ? req.body : "");
  } catch {
    body = null;
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return sendMoodleErrorPage(
      res,
      "registration_to_config(): Argument #1 ($registrationpayload) must be of type array, null given",
    );
  }
  try {
    const response = register(state, clientId, body as Record<string, unknown>);
    const deploymentId = String(state.tools.get(clientId)?.typeId);
    state.registrations.push({ clientId, deploymentId, request: body as Record<string, unknown>, response });
    // PHP's json_encode escapes slashes.
    res.status(200).type("application/json; charset=utf-8").send(JSON.stringify(response).replace(/\//g, "\\/"));
  } catch (err) {
    if (err instanceof RegistrationError) return void sendText(err.status, err.message);
    throw err;
  }
}

/** /mod/lti/openid-registration.php: LTI Dynamic Registration; a new tool starts Pending (state 2). */
export function registrationRoute(state: PlatformState): Router {
  const router = express.Router();
  router.post("/mod/lti/openid-registration.php", express.text({ type: () => true }), async (req, res) => {
    await handleRegistration(state, req, res);
  });
  return router;
}
