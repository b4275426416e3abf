import { Router, type Request, type Response } from "express";
import type { T } from "../../i18n/i18n.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { validate, type FormFailure } from "../../http/validate.js";
import { getSettingsPage } from "../get-settings-page.js";
import { saveCheckinSettings, setCheckinClosed } from "../save-checkin-settings.js";
import { sessionParams } from "../schemas.js";
import { sessionCheckinSchema } from "../settings-schema.js";
import type { CheckinRouteDeps } from "./deps.js";

const BASE = "/activities/:activityId/checkin/sessions/:sessionId";

/** A session's check-in settings: the page, saving it (the form again when refused), close early and reopen. */
export function sessionSettingsRoutes({ db, now }: CheckinRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const render = async (req: Request, res: Response, failure: FormFailure | null) => {
    const ids = sessionParams.parse(req.params);
    const page = await getSettingsPage(db, actorOf(res), ids, failure?.values ?? null, res.locals.t as T);
    res.render("checkin/settings", { ...page, fieldErrors: failure?.fieldErrors ?? {}, saved: req.query.saved });
  };
  r.get(
    BASE,
    withActor,
    validate({ params: sessionParams }, (_input, req, res) => render(req, res, null)),
  );
  r.post(
    BASE,
    withActor,
    validate(
      { params: sessionParams, body: sessionCheckinSchema, invalid: render },
      async ({ params, body }, _req, res) => {
        await saveCheckinSettings(db, actorOf(res), params.activityId, params.sessionId, body, now());
        res.redirect(303, `/activities/${params.activityId}/checkin/sessions/${params.sessionId}?saved=1`);
      },
    ),
  );
  for (const [path, closed] of [
    ["close", true],
    ["reopen", false],
  ] as const)
    r.post(
      `${BASE}/${path}`,
      withActor,
      validate({ params: sessionParams }, async ({ params }, _req, res) => {
        await setCheckinClosed(db, actorOf(res), params.activityId, params.sessionId, closed, now());
        res.redirect(303, `/activities/${params.activityId}/checkin/sessions/${params.sessionId}?saved=${path}`);
      }),
    );
  return r;
}
