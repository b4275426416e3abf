import { Router } from "express";
import { accessTokens, type AccessTokens } from "../access-tokens.js";
import type { DemoKeys } from "../demo-keys.js";
import { demoIssuer } from "../demo-issuer.js";
import { authRoute } from "./auth.js";
import { deepLinkReturnRoute } from "./deep-link-return.js";
import { launchRoute } from "./launch.js";
import { membershipsRoute } from "./memberships.js";
import { moodleLoginRoute } from "./moodle-login.js";
import { startPageRoute } from "./start-page.js";
import { tokenRoute } from "./token.js";

export interface DemoDeps {
  keys: DemoKeys;
  publicUrl: string;
  /** How the server reaches itself (token and roster endpoints are called server-to-server by ltijs). */
  internalUrl: string;
  now: () => Date;
}

/** What each demo route gets: the deps, the demo issuer and the access tokens the token endpoint hands out. */
export interface DemoRouteDeps extends DemoDeps {
  issuer: string;
  tokens: AccessTokens;
}

/** Start page, launch buttons and the demo platform's OIDC, token and roster endpoints. */
export function demoRoutes(deps: DemoDeps): Router {
  const d: DemoRouteDeps = { ...deps, issuer: demoIssuer(deps.publicUrl), tokens: accessTokens(deps.now) };
  const r = Router();
  r.use(
    startPageRoute(),
    moodleLoginRoute(),
    launchRoute(d),
    authRoute(d),
    tokenRoute(d),
    membershipsRoute(d),
    deepLinkReturnRoute(d),
  );
  return r;
}
