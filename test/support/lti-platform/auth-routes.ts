import { randomInt } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import { buildLaunchClaims, type LaunchKind } from "./claims.js";
import { formPostPage, sendMoodleErrorPage } from "./html.js";
import { signWithPlatformKey } from "./keys.js";
import { openidConfiguration } from "./openid-configuration.js";
import type { PlatformState, ToolRecord } from "./state.js";

/** The OIDC third-party login initiation Moodle auto-submits to the tool's initiate_login_uri. */
export interface LoginInitiation {
  iss: string;
  target_link_uri: string;
  login_hint: string;
  lti_message_hint: string;
  client_id: string;
  lti_deployment_id: string;
}

/**
 * Leaves a launch in "the session" for auth.php, as Moodle's launch.php / contentitem.php do, and
 * returns the login initiation parameters. Each launch can be redeemed at auth.php once.
 */
export function prepareLaunch(
  state: PlatformState,
  tool: ToolRecord,
  kind: LaunchKind,
  overrides: Record<string, unknown> = {},
): LoginInitiation {
  if (tool.state !== 1)
    throw new Error(`test LTI platform: tool ${tool.clientId} is Pending (state 2); activate it first`);
  const claims = buildLaunchClaims(state, tool, kind, overrides);
  const pinned = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const isDeepLink = kind === "deeplink";
  // Resource links carry the cmid; deep linking only a launch id (deeplink-1-login-initiation.json).
  const launchId = isDeepLink
    ? `ltilaunch_ContentItemSelectionRequest${randomInt(1e9, 2e9)}`
    : `ltilaunch1_${randomInt(1e9, 2e9)}`;
  const hint = isDeepLink ? { launchid: launchId } : { cmid: 6, launchid: launchId };
  const loginHint = String(claims.sub);
  state.launches.set(launchId, { launchId, loginHint, clientId: tool.clientId, claims, pinned });
  return {
    iss: state.issuer,
    target_link_uri: String(claims["https://purl.imsglobal.org/spec/lti/claim/target_link_uri"]),
    login_hint: loginHint,
    lti_message_hint: JSON.stringify(hint),
    client_id: tool.clientId,
    lti_deployment_id: tool.typeId,
  };
}

function param(req: Request, name: string): string {
  const fromBody = (req.body as Record<string, unknown> | undefined)?.[name];
  const value = fromBody ?? req.query[name];
  return typeof value === "string" ? value : "";
}

function launchIdFrom(hint: string): string | undefined {
  try {
    const parsed = JSON.parse(hint) as unknown;
    const id = parsed && typeof parsed === "object" ? (parsed as { launchid?: unknown }).launchid : undefined;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Moodle's error path once it trusts the redirect_uri: a redirect back with error and state. */
function redirectWithError(
  res: Response,
  redirectUri: string,
  error: string,
  description: string,
  state: string,
): void {
  const url = new URL(redirectUri);
  url.searchParams.set("error", error);
  if (description) url.searchParams.set("error_description", description);
  if (state) url.searchParams.set("state", state);
  res.redirect(303, url.toString());
}

async function authorize(state: PlatformState, req: Request, res: Response): Promise<void> {
  const p = (name: string) => param(req, name);
  const required = ["scope", "response_type", "client_id", "redirect_uri", "login_hint", "nonce"];
  const launchId = launchIdFrom(p("lti_message_hint"));
  const launch = launchId ? state.launches.get(launchId) : undefined;
  // Until the launch (and so the tool's config) is found, Moodle cannot trust redirect_uri: it throws.
  if (required.some((name) => !p(name)) || !launch || p("scope") !== "openid" || p("response_type") !== "id_token") {
    sendMoodleErrorPage(res, "Invalid request");
    return;
  }
  state.launches.delete(launch.launchId);
  const tool = state.tools.get(launch.clientId);
  if (!tool || !tool.redirectUris.includes(p("redirect_uri"))) {
    sendMoodleErrorPage(res, "Invalid request");
    return;
  }
  let error: [string, string] | undefined;
  if (p("client_id") !== tool.clientId) error = ["unauthorized_client", ""];
  else if (p("login_hint") !== launch.loginHint) error = ["access_denied", ""];
  else if (p("response_mode") !== "form_post") error = ["invalid_request", "Invalid response_mode"];
  else if (p("prompt") && p("prompt") !== "none") error = ["invalid_request", "Invalid prompt"];
  if (error) {
    redirectWithError(res, p("redirect_uri"), error[0], error[1], p("state"));
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  const payload = { ...launch.claims, nonce: p("nonce"), iat: now, exp: now + 60, ...launch.pinned };
  const idToken = await signWithPlatformKey(state.keys, payload);
  const fields: Record<string, string> = {};
  if (p("state")) fields.state = p("state");
  fields.id_token = idToken;
  res
    .status(200)
    .type("text/html; charset=utf-8")
    .send(formPostPage(p("redirect_uri"), fields));
}

/** openid-configuration.php, certs.php and auth.php. */
export function authRoutes(state: PlatformState): Router {
  const router = express.Router();
  router.get("/mod/lti/openid-configuration.php", (_req, res) => {
    res.type("application/json; charset=utf-8").send(JSON.stringify(openidConfiguration(state.issuer)));
  });
  router.get("/mod/lti/certs.php", (_req, res) => {
    state.keySetReads++;
    res.type("application/json; charset=utf-8").send(JSON.stringify({ keys: [state.keys.publicJwk] }));
  });
  router.all("/mod/lti/auth.php", express.urlencoded({ extended: false }), async (req, res) => {
    await authorize(state, req, res);
  });
  return router;
}
