import { randomBytes } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import type { JSONWebKeySet } from "jose";
import { MoodleJwtError, fetchKeySet, peekJwt, verifyWithKeySet } from "./keys.js";
import type { PlatformState, ToolRecord } from "./state.js";

/** Access tokens live an hour, as Moodle's LTI_ACCESS_TOKEN_LIFE. */
const tokenLifeSeconds = 3600;

/** The tool's public keys: given by the test, or fetched from its registered JWKS URL. */
export async function toolKeySet(tool: ToolRecord): Promise<JSONWebKeySet> {
  return tool.jwks ?? fetchKeySet(tool.jwksUrl);
}

/** Moodle writes its token response by hand: pretty-printed, a space before each colon, text/html. */
function sendTokenBody(res: Response, status: number, body: string): void {
  res.status(status).type("text/html; charset=utf-8").send(body);
}

function sendError(res: Response, error: string): void {
  sendTokenBody(res, 400, JSON.stringify({ error }));
}

function formField(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
}

async function issueToken(state: PlatformState, req: Request, res: Response): Promise<void> {
  if (!req.is("application/x-www-form-urlencoded")) return sendError(res, "invalid_request");
  const assertion = formField(req, "client_assertion");
  const assertionType = formField(req, "client_assertion_type");
  const grantType = formField(req, "grant_type");
  const scope = formField(req, "scope");
  if (!assertion || !assertionType || !grantType || !scope) return sendError(res, "invalid_request");
  if (
    assertionType !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" ||
    grantType !== "client_credentials"
  ) {
    return sendError(res, "unsupported_grant_type");
  }
  const clientId = peekJwt(assertion)?.payload.sub;
  if (typeof clientId !== "string" || !clientId) return sendError(res, "invalid_request");
  const tool = state.tools.get(clientId);
  if (!tool) return sendError(res, "invalid_client");
  try {
    // Moodle checks the signature and exp only: not aud, and not jti (a replayed assertion works).
    await verifyWithKeySet(assertion, await toolKeySet(tool));
  } catch (err) {
    return sendError(res, err instanceof MoodleJwtError ? err.message : String(err));
  }
  const granted = scope.split(" ").filter((s, i, all) => tool.scopes.includes(s) && all.indexOf(s) === i);
  if (granted.length === 0) return sendError(res, "invalid_scope");
  const token = randomBytes(16).toString("hex");
  state.accessTokens.set(token, {
    token,
    clientId,
    typeId: tool.typeId,
    scopes: granted,
    expiresAt: Date.now() + tokenLifeSeconds * 1000,
  });
  const body = [
    "{",
    `  "access_token" : "${token}",`,
    '  "token_type" : "Bearer",',
    `  "expires_in" : ${tokenLifeSeconds},`,
    `  "scope" : "${granted.join(" ")}"`,
    "}",
  ].join("\n");
  sendTokenBody(res, 200, body);
}

/** /mod/lti/token.php: OAuth2 client_credentials with a private_key_jwt client assertion. */
export function tokenRoute(state: PlatformState): Router {
  const router = express.Router();
  router.post("/mod/lti/token.php", express.urlencoded({ extended: false }), async (req, res) => {
    await issueToken(state, req, res);
  });
  return router;
}
