import { Router, type Request, type Response } from "express";
import { AppError } from "../../errors.js";
import { bodyOf } from "../../http/forms.js";
import { uploadOf } from "../../http/multipart.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { activityParams, saveForm, validate, type FormFailure } from "../../http/validate.js";
import type { T } from "../../i18n/i18n.js";
import { uploadRefusal } from "../excuse-file.js";
import { getStudentExcusesPage } from "../get-excuse-pages.js";
import { excuseParams, studentPageQuerySchema, submitExcuseSchema } from "../schemas.js";
import { submitExcuse } from "../submit-excuse.js";
import { withdrawExcuse } from "../withdraw-excuse.js";
import type { ExcuseRouteDeps } from "./index.js";

/** The student's page: report an absence (reason, optional file), see their requests, withdraw a waiting one. */
export function studentExcuseRoutes({ db, now }: ExcuseRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const base = "/activities/:activityId/excuses/me";
  const page = (req: Request) => `/activities/${req.params.activityId}/excuses/me`;

  const render = async (req: Request, res: Response, failure?: FormFailure) => {
    const t = res.locals.t as T;
    const p = await getStudentExcusesPage(db, actorOf(res), Number(req.params.activityId), now(), t);
    const chosen = studentPageQuerySchema.safeParse(req.query).data?.session;
    const fieldErrors = failure?.fieldErrors ?? {};
    if (failure) {
      const refusal = uploadRefusal(uploadOf(res));
      if (refusal)
        fieldErrors.file ??= t(`excuses.validation.${refusal}`, { max: p.limits.maxSize, types: p.limits.types });
      else if (uploadOf(res).files.file?.bytes.length) fieldErrors.file ??= t("excuses.form.file_again");
    }
    const values = failure?.values ?? { sessionId: chosen ? String(chosen) : "", reason: "" };
    res.render("excuses/student", { ...p, done: req.query.done ?? null, fieldErrors, values });
  };
  const refused = (req: Request, res: Response, fieldErrors: Record<string, string>) =>
    render(req, res.status(400), { fieldErrors, values: bodyOf(req) });

  r.get(
    base,
    withActor,
    validate({ params: activityParams }, (_i, req, res) => render(req, res)),
  );
  r.post(
    base,
    withActor,
    validate({ params: activityParams, body: submitExcuseSchema, invalid: render }, async (i, req, res) => {
      const upload = uploadOf(res);
      if (uploadRefusal(upload)) return refused(req, res, {});
      try {
        await submitExcuse(db, actorOf(res), i.params.activityId, i.body, upload.files.file ?? null, now());
      } catch (err) {
        if (!(err instanceof AppError && err.code === "invalid" && err.details.field)) throw err;
        const field = String(err.details.field); // a refused file gets its message (with the limits) from render
        return refused(req, res, field === "file" ? {} : { [field]: (res.locals.t as T)(err.messageKey) });
      }
      res.redirect(303, `${page(req)}?done=sent`);
    }),
  );
  r.post(
    `${base}/:excuseId/withdraw`,
    withActor,
    saveForm(
      { params: excuseParams },
      (i, actor) => withdrawExcuse(db, actor, i.params.activityId, i.params.excuseId, now()),
      (req) => `${page(req)}?done=withdrawn`,
    ),
  );
  return r;
}
