import { Router } from "express";
import { z } from "zod";
import { Invalid } from "../../errors.js";
import { validate } from "../../http/validate.js";
import { DEMO_CLIENT_ID, DEMO_DEPLOYMENT_ID, demoPerson } from "../demo-people.js";
import type { DemoRouteDeps } from "./index.js";

const launchSchema = z.object({
  user: z.string().min(1),
  kind: z.enum(["resource", "deeplink"]).default("resource"),
  lang: z.enum(["lv", "en"]).default("lv"),
});

/** POST /demo/launch: a start-page button; the browser posts the OIDC login initiation to the tool, as Moodle does. */
export function launchRoute({ issuer, publicUrl }: DemoRouteDeps): Router {
  const r = Router();
  r.post(
    "/demo/launch",
    validate({ body: launchSchema }, async ({ body }, _req, res) => {
      if (!demoPerson(body.user)) throw Invalid("demo.unknown_person");
      res.render("demo/auto-post", {
        action: `${publicUrl}/lti/login`,
        fields: {
          iss: issuer,
          login_hint: body.user,
          target_link_uri: `${publicUrl}/lti/launch`,
          client_id: DEMO_CLIENT_ID,
          lti_deployment_id: DEMO_DEPLOYMENT_ID,
          lti_message_hint: JSON.stringify({ kind: body.kind, lang: body.lang }),
        },
      });
    }),
  );
  return r;
}
