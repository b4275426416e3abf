import { Router, type Request, type Response } from "express";
import { AppError } from "../errors.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import { activityParams, validate, type FormFailure } from "../http/validate.js";
import type { T } from "../i18n/i18n.js";
import type { ConnectionReport } from "./check-connection.js";
import { getConnectionPage } from "./get-connection-page.js";
import { presentConnection, presentReport } from "./present.js";
import { runConnectionCheck } from "./run-connection-check.js";
import type { BridgeRouteDeps } from "./routes.js";
import { saveConnection, saveConnectionSchema } from "./save-connection.js";

/** The admin's page for this platform's Moodle web services: save URL and token, check the connection. */
export function connectionRoutes({ db, encryptionKey, now, moodleTuning }: BridgeRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const path = "/activities/:activityId/admin/moodle";

  const load = (req: Request, res: Response) =>
    getConnectionPage(db, actorOf(res), activityParams.parse(req.params).activityId).then((p) => ({
      ...p,
      actor: actorOf(res),
    }));

  /** The page; after a refused save, with its messages and the URL typed (the token is never shown again). */
  const render = async (req: Request, res: Response, failure?: FormFailure) => {
    const { activity, row } = await load(req, res);
    const report = row?.lastCheck ? presentReport(row.lastCheck as ConnectionReport, res.locals.t as T) : null;
    const flash = req.query.saved ? "saved" : req.query.checked ? "checked" : null;
    res.render("bridge/admin", {
      ...{ activityId: activity.id, connection: presentConnection(row), report, flash: failure ? null : flash },
      values: { baseUrl: failure ? (failure.values.baseUrl ?? "") : (row?.baseUrl ?? "") },
      errors: failure?.fieldErrors ?? {},
    });
  };

  r.get(
    path,
    withActor,
    validate({ params: activityParams }, (_input, req, res) => render(req, res)),
  );

  const save = { params: activityParams, body: saveConnectionSchema, invalid: render };
  r.post(
    path,
    withActor,
    validate(save, async ({ body }, req, res) => {
      const { actor, activity } = await load(req, res);
      try {
        await saveConnection(db, encryptionKey, actor.platformId, body, actor.userId, now());
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== "invalid") throw err;
        res.status(400);
        return render(req, res, { fieldErrors: { token: (res.locals.t as T)(err.messageKey) }, values: req.body });
      }
      const logged = { platformId: actor.platformId, baseUrl: body.baseUrl, tokenChanged: body.token !== "" };
      req.log.info(logged, "moodle connection saved");
      res.redirect(303, `/activities/${activity.id}/admin/moodle?saved=1`);
    }),
  );

  r.post(
    `${path}/check`,
    withActor,
    validate({ params: activityParams }, async (_input, req, res) => {
      const { actor, activity } = await load(req, res);
      const moodleCourseId = /^\d+$/.test(actor.contextId) ? Number(actor.contextId) : null;
      const check = { moodleCourseId, now: now(), tuning: moodleTuning };
      const report = await runConnectionCheck(db, encryptionKey, actor.platformId, check);
      const missing = report.missingFunctions.map((m) => m.name);
      const logged = { platformId: actor.platformId, ok: report.ok, failure: report.failure?.code, missing };
      req.log.info(logged, "moodle connection checked");
      res.redirect(303, `/activities/${activity.id}/admin/moodle?checked=1`);
    }),
  );
  return r;
}
