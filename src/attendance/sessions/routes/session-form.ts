import { Router, type Request, type Response } from "express";
import type { Db } from "../../../db/client.js";
import { newFormToken } from "../../../http/form-tokens.js";
import { actorOf, requireActivityActor } from "../../../http/require-actor.js";
import { activityParams, validate, type FormFailure } from "../../../http/validate.js";
import type { T } from "../../../i18n/i18n.js";
import type { AttendanceRouteDeps } from "../../routes.js";
import { presentTypedSession } from "../present.js";
import { sessionParams } from "../schemas.js";
import { getSessionFormPage, getSessionFormValues } from "../sessions-pages.js";

/** The session form, new or edit: `render` with the values to show, `refused` again with what was typed and why. */
export function sessionForm(db: Db) {
  /** The form (a refused one's status 400 is already set), with the values to show and the messages. */
  const render = async (req: Request, res: Response, values: Record<string, unknown>, errors = {}) => {
    const { activityId } = activityParams.parse(req.params);
    const page = await getSessionFormPage(db, actorOf(res), activityId, res.locals.t as T);
    const formToken = newFormToken(); // a new one each time: a refused post's token may already be claimed
    const sessionId = req.params.sessionId ?? null;
    res.render("attendance/session-form", { ...page, sessionId, values, formToken, fieldErrors: errors });
  };
  const refused = (req: Request, res: Response, f: FormFailure) =>
    render(req, res, presentTypedSession(f.values, req.body as Record<string, unknown>), f.fieldErrors);
  return { render, refused };
}

/** GET the new-session form (one session or a weekly repeat) and the edit form of one session. */
export function sessionFormRoute({ db, now }: AttendanceRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const base = "/activities/:activityId/attendance/sessions";
  const { render } = sessionForm(db);
  r.get(
    `${base}/new`,
    withActor,
    validate({ params: activityParams }, (_input, req, res) => render(req, res, { everyWeeks: "1", weekdays: [] })),
  );
  r.get(
    `${base}/:sessionId/edit`,
    withActor,
    validate({ params: sessionParams }, async ({ params }, req, res) => {
      const values = await getSessionFormValues(db, actorOf(res), params.activityId, params.sessionId, now());
      await render(req, res, values);
    }),
  );
  return r;
}
