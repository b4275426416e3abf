import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { activityParams, validate, type FormFailure } from "../../http/validate.js";
import type { T } from "../../i18n/i18n.js";
import { getStudentPage } from "../get-student-page.js";
import { recordContact } from "../record-contact.js";
import { recordContactSchema, studentPageQuerySchema } from "../schemas.js";
import type { FollowupRouteDeps } from "./index.js";

const studentParams = activityParams.extend({ userId: z.string().min(1).max(200) });

/** A student's page (figures, warnings, the contact log) and its form: a message through the outbox or a contact. */
export function studentPageRoute({ db, now }: FollowupRouteDeps): Router {
  const r = Router();
  const path = "/activities/:activityId/followup/students/:userId";
  const withActor = requireActivityActor(db, now);

  const render = async (req: Request, res: Response, failure?: FormFailure) => {
    const of = studentPageQuerySchema.parse(req.query).of ?? Number(req.params.activityId);
    const page = await getStudentPage(db, actorOf(res), of, String(req.params.userId), now(), res.locals.t as T);
    res.render("followup/student", {
      ...page,
      saved: req.query.saved === "1",
      fieldErrors: failure?.fieldErrors ?? {},
      values: failure?.values ?? null,
    });
  };

  r.get(
    path,
    withActor,
    validate({ params: studentParams, query: studentPageQuerySchema }, (_i, req, res) => render(req, res)),
  );
  r.post(
    path,
    withActor,
    validate(
      { params: studentParams, query: studentPageQuerySchema, body: recordContactSchema, invalid: render },
      async (i, _req, res) => {
        const of = i.query.of ?? i.params.activityId;
        await recordContact(db, actorOf(res), of, i.params.userId, i.body, now());
        const page = `/activities/${i.params.activityId}/followup/students/${encodeURIComponent(i.params.userId)}`;
        res.redirect(303, `${page}?of=${of}&saved=1`);
      },
    ),
  );
  return r;
}
