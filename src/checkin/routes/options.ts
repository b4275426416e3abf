import { Router, type Request, type Response } from "express";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { validate, type FormFailure } from "../../http/validate.js";
import { getOptionsPage } from "../get-settings-page.js";
import { saveCheckinOptions } from "../save-checkin-settings.js";
import { activityParams } from "../schemas.js";
import { checkinOptionsSchema } from "../settings-schema.js";
import type { CheckinRouteDeps } from "./deps.js";

const PATH = "/activities/:activityId/checkin/options";

/** The activity's check-in options: allowed networks and one device per session. */
export function optionsRoutes({ db, now }: CheckinRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const render = async (req: Request, res: Response, failure: FormFailure | null) => {
    const { activityId } = activityParams.parse(req.params);
    const page = await getOptionsPage(db, actorOf(res), activityId, failure?.values ?? null);
    res.render("checkin/options", { ...page, fieldErrors: failure?.fieldErrors ?? {}, saved: req.query.saved });
  };
  r.get(
    PATH,
    withActor,
    validate({ params: activityParams }, (_input, req, res) => render(req, res, null)),
  );
  r.post(
    PATH,
    withActor,
    validate(
      { params: activityParams, body: checkinOptionsSchema, invalid: render },
      async ({ params, body }, _req, res) => {
        await saveCheckinOptions(db, actorOf(res), params.activityId, body, now());
        res.redirect(303, `/activities/${params.activityId}/checkin/options?saved=1`);
      },
    ),
  );
  return r;
}
