import { Router, type Request, type Response } from "express";
import type { z } from "zod";
import { AppError } from "../../../errors.js";
import { bodyOf } from "../../../http/forms.js";
import { actorOf, requireActivityActor } from "../../../http/require-actor.js";
import { activityParams, validate, type Input } from "../../../http/validate.js";
import type { T } from "../../../i18n/i18n.js";
import type { AttendanceRouteDeps } from "../../routes.js";
import { newSessionSchema, sessionParams, sessionSchema } from "../schemas.js";
import { submitNewSessions } from "../submit-new-sessions.js";
import { updateSession } from "../update-session.js";
import { sessionForm } from "./session-form.js";

/** POST the new-session form and a session's edit; a refused one shows its form again, keeping what was typed. */
export function saveSessionRoute({ db, now, events }: AttendanceRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const base = "/activities/:activityId/attendance/sessions";
  const { refused } = sessionForm(db);
  const back = (req: Request, done: string) => `/activities/${req.params.activityId}/attendance/sessions?done=${done}`;
  /** `validate`, and a field the command refused (a repeat that gives no date) shows the form again with its message. */
  const saveOrRefuse = <P extends z.ZodType, B extends z.ZodType>(
    schemas: { params: P; body: B },
    save: (input: Input<P, z.ZodUndefined, B>, req: Request, res: Response) => Promise<void>,
  ) =>
    validate({ ...schemas, invalid: refused }, async (input, req, res) => {
      try {
        await save(input, req, res);
      } catch (err) {
        if (!(err instanceof AppError && err.code === "invalid" && err.details.field)) throw err;
        const fieldErrors = { [String(err.details.field)]: (res.locals.t as T)(err.messageKey) };
        await refused(req, res.status(400), { fieldErrors, values: bodyOf(req) });
      }
    });

  r.post(
    base,
    withActor,
    saveOrRefuse({ params: activityParams, body: newSessionSchema }, async ({ params, body }, req, res) => {
      const ids = await submitNewSessions(db, actorOf(res), params.activityId, body, now(), events);
      res.redirect(303, back(req, ids ? "saved" : "already_saved")); // null: this form was saved already
    }),
  );
  r.post(
    `${base}/:sessionId/edit`,
    withActor,
    saveOrRefuse({ params: sessionParams, body: sessionSchema }, async ({ params, body }, req, res) => {
      await updateSession(db, actorOf(res), params.activityId, params.sessionId, body, now(), events);
      res.redirect(303, back(req, "saved"));
    }),
  );
  return r;
}
