import { Router } from "express";
import { z } from "zod";
import { Invalid } from "../../errors.js";
import { validate } from "../../http/validate.js";
import { verifyToolJwt } from "../verify-tool-jwt.js";
import type { DemoRouteDeps } from "./index.js";

const CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";

/** The tool's Deep Linking response, as the browser posts it back to the platform. */
const returnBody = z.object({ JWT: z.string().catch("") });

/** POST /demo/platform/deep-link-return: checks the tool's signed response and shows the items it created. */
export function deepLinkReturnRoute({ internalUrl, issuer }: DemoRouteDeps): Router {
  const r = Router();
  r.post(
    "/demo/platform/deep-link-return",
    validate({ body: returnBody }, async ({ body }, _req, res) => {
      const payload = await verifyToolJwt(internalUrl, body.JWT, { audience: issuer }).catch(() => {
        throw Invalid("demo.bad_deep_link");
      });
      const items = (payload[CONTENT_ITEMS] ?? []) as { title?: string; lineItem?: { scoreMaximum?: number } }[];
      res.render("demo/deep-link-result", { items });
    }),
  );
  return r;
}
