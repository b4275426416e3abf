import { Router, type Request, type Response } from "express";
import { AppError, NotFound } from "../../errors.js";
import { bodyOf } from "../../http/forms.js";
import { actorOf } from "../../http/require-actor.js";
import { validate, type FormFailure } from "../../http/validate.js";
import type { T } from "../../i18n/i18n.js";
import { editClass, editClassSchema } from "../edit-class.js";
import { presentEditPage, type EditFailure } from "../present.js";
import { getClassPage } from "../queries.js";
import type { PlanningPageDeps } from "./index.js";
import { BASE, classParams, studyDaysUrl } from "./params.js";

/** GET and POST a class's edit form: time, lecturer, groups, a pasted meeting link; its change history below. */
export function editClassRoutes({ db, now, guard }: PlanningPageDeps) {
  const r = Router();
  const CLASS = `${BASE}/classes/:classId`;

  /** The form, as saved or (status 400) as typed with its messages. */
  const render = async (req: Request, res: Response, failure?: EditFailure) => {
    const actor = actorOf(res);
    const params = classParams.parse(req.params);
    const page = await getClassPage(db, actor.platformId, params.classId);
    if (!page) throw NotFound();
    res.status(failure ? 400 : 200).render("planning/edit", {
      base: studyDaysUrl(params.activityId),
      ...presentEditPage(page, actor.locale, failure),
    });
  };
  const refused = (req: Request, res: Response, f: FormFailure) =>
    render(req, res, { values: f.values, errors: f.fieldErrors });

  r.get(
    CLASS,
    guard,
    validate({ params: classParams }, (_input, req, res) => render(req, res)),
  );
  r.post(
    CLASS,
    guard,
    validate({ params: classParams, body: editClassSchema, invalid: refused }, async ({ params, body }, req, res) => {
      try {
        const { classDate } = await editClass(db, actorOf(res), params.classId, body, now());
        res.redirect(303, `${studyDaysUrl(params.activityId)}/days/${classDate}?notice=saved`);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== "invalid") throw err;
        const field = String(err.details.field ?? "start");
        return render(req, res, { values: bodyOf(req), errors: { [field]: (res.locals.t as T)(err.messageKey) } });
      }
    }),
  );
  return r;
}
