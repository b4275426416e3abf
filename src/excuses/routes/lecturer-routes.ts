import { Router, type Request, type Response } from "express";
import { AppError } from "../../errors.js";
import { bodyOf } from "../../http/forms.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { activityParams, validate, type FormFailure } from "../../http/validate.js";
import type { T } from "../../i18n/i18n.js";
import { decideExcuse } from "../decide-excuse.js";
import { getCourseExcusesPage } from "../get-excuse-pages.js";
import { decideExcuseSchema, excuseParams } from "../schemas.js";
import type { ExcuseRouteDeps } from "./index.js";

/** A refused decision as the list shows it again: at its own request, with the note as typed. */
type DecisionFailure = FormFailure & { excuseId: number };

/** The lecturer's list of the activity's requests and the approve / refuse form of each waiting one. */
export function lecturerExcuseRoutes({ db, now }: ExcuseRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const base = "/activities/:activityId/excuses";

  const render = async (req: Request, res: Response, failure?: DecisionFailure) => {
    const p = await getCourseExcusesPage(db, actorOf(res), Number(req.params.activityId), res.locals.t as T);
    res.render("excuses/lecturer", { ...p, done: req.query.done ?? null, failure: failure ?? null });
  };
  const invalid = (req: Request, res: Response, f: FormFailure) =>
    render(req, res, { ...f, excuseId: Number(req.params.excuseId) });

  r.get(
    base,
    withActor,
    validate({ params: activityParams }, (_i, req, res) => render(req, res)),
  );
  r.post(
    `${base}/:excuseId/decide`,
    withActor,
    validate({ params: excuseParams, body: decideExcuseSchema, invalid }, async (i, req, res) => {
      const { activityId, excuseId } = i.params;
      try {
        const outcome = await decideExcuse(db, actorOf(res), activityId, excuseId, i.body, now());
        res.redirect(
          303,
          `/activities/${activityId}/excuses?done=${outcome === "already" ? "already" : i.body.decision}`,
        );
      } catch (err) {
        if (!(err instanceof AppError && err.details.excuseId === excuseId)) throw err;
        const form = (res.locals.t as T)(err.messageKey);
        await render(req, res.status(err.status), { fieldErrors: { form }, values: bodyOf(req), excuseId });
      }
    }),
  );
  return r;
}
