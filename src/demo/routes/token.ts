import express, { Router } from "express";
import { z } from "zod";
import { validate } from "../../http/validate.js";
import { DEMO_CLIENT_ID } from "../demo-people.js";
import { verifyToolJwt } from "../verify-tool-jwt.js";
import type { DemoRouteDeps } from "./index.js";

/** The client-credentials grant as ltijs posts it; a missing or repeated field is empty (and then refused). */
const tokenBody = z.object({ client_assertion: z.string().catch(""), scope: z.string().catch("") });

/** The platform's key set, and its OAuth2 token endpoint: an access token for a client assertion the tool signed. */
export function tokenRoute({ keys, internalUrl, tokens }: DemoRouteDeps): Router {
  const r = Router();
  r.get("/demo/platform/jwks", (_req, res) => {
    res.json({ keys: [keys.publicJwk] });
  });
  r.post(
    "/demo/platform/token",
    express.urlencoded({ extended: false }),
    validate({ body: tokenBody }, async ({ body }, _req, res) => {
      try {
        await verifyToolJwt(internalUrl, body.client_assertion, { issuer: DEMO_CLIENT_ID, subject: DEMO_CLIENT_ID });
      } catch {
        return void res.status(400).json({ error: "invalid_client" });
      }
      res.json({ access_token: tokens.issue(), token_type: "Bearer", expires_in: 3600, scope: body.scope });
    }),
  );
  return r;
}
