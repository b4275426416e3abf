import { Router } from "express";
import { z } from "zod";
import { Invalid } from "../../errors.js";
import { validate } from "../../http/validate.js";
import type { Locale } from "../../lti/actor.js";
import { signDemoIdToken } from "../demo-id-token.js";
import { DEMO_CLIENT_ID, demoPerson } from "../demo-people.js";
import type { DemoRouteDeps } from "./index.js";

/** What the launch button asked for, carried through the tool in `lti_message_hint`; anything unreadable: defaults. */
function readHint(raw: string | undefined): { kind: "resource" | "deeplink"; lang: Locale } {
  let hint: unknown = null;
  try {
    hint = JSON.parse(raw ?? "{}");
  } catch {
    // a hint the demo did not write: launch as the defaults
  }
  const h = (hint ?? {}) as { kind?: unknown; lang?: unknown };
  return { kind: h.kind === "deeplink" ? "deeplink" : "resource", lang: h.lang === "en" ? "en" : "lv" };
}

/** The OIDC authentication request as the tool sends it; a request the demo cannot answer is null. */
const authQuery = z
  .object({
    client_id: z.literal(DEMO_CLIENT_ID),
    redirect_uri: z.string().min(1),
    login_hint: z.string().min(1),
    nonce: z.string().min(1),
    state: z.string().min(1),
    response_type: z.literal("id_token"),
    scope: z.literal("openid"),
    lti_message_hint: z.string().optional().transform(readHint),
  })
  .nullable()
  .catch(null);

/** GET /demo/platform/auth: the platform's OIDC step; signs the person's id_token and posts it back to the tool. */
export function authRoute(deps: DemoRouteDeps): Router {
  const r = Router();
  r.get(
    "/demo/platform/auth",
    validate({ query: authQuery }, async ({ query: q }, _req, res) => {
      if (!q || !q.redirect_uri.startsWith(`${deps.publicUrl}/lti/`)) throw Invalid("demo.bad_auth_request");
      const person = demoPerson(q.login_hint);
      if (!person) throw Invalid("demo.unknown_person");
      const idToken = await signDemoIdToken(
        deps.keys,
        {
          issuer: deps.issuer,
          clientId: DEMO_CLIENT_ID,
          nonce: q.nonce,
          person,
          locale: q.lti_message_hint.lang,
          targetLinkUri: `${deps.publicUrl}/lti/launch`,
          membershipsUrl: `${deps.internalUrl}/demo/platform/memberships`,
          kind: q.lti_message_hint.kind,
          deepLinkReturnUrl: `${deps.publicUrl}/demo/platform/deep-link-return`,
        },
        deps.now(),
      );
      res.render("demo/auto-post", { action: q.redirect_uri, fields: { id_token: idToken, state: q.state } });
    }),
  );
  return r;
}
