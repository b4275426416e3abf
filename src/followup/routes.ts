import { Router, type Request, type Response } from "express";
import type { Db } from "../db/client.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import { activityParams, saveForm, validate, type FormFailure } from "../http/validate.js";
import type { T } from "../i18n/i18n.js";
import { atRiskCsv, atRiskRows, atRiskXlsx } from "./export-at-risk.js";
import { openMoodleSignals } from "../bridge/index.js";
import { getFollowupPage } from "./get-followup-page.js";
import type { SignalsSource } from "./moodle-signals.js";
import { DUE_DAYS } from "./present-signals.js";
import { getOwnWarnings } from "./get-own-warnings.js";
import { getStudentPage } from "./get-student-page.js";
import { recordContact } from "./record-contact.js";
import { saveRules } from "./save-rules.js";
import {
  atRiskQuerySchema,
  recordContactSchema,
  saveRulesSchema,
  studentPageQuerySchema,
  type AtRiskQuery,
} from "./schemas.js";
import { z } from "zod";

const studentParams = activityParams.extend({ userId: z.string().min(1).max(200) });

export interface FollowupRouteDeps {
  db: Db;
  now: () => Date;
  /** Opens the platform's stored Moodle token for the list's Moodle signals. */
  encryptionKey: string;
}

const back = (req: Request) => `/activities/${req.params.activityId}/followup?saved=1`;

/** The Follow-up page (rules and the at-risk list, its CSV/XLSX) and the student's own warnings. */
export function followupRoutes({ db, now, encryptionKey }: FollowupRouteDeps): Router {
  const signals: SignalsSource = (platformId) => openMoodleSignals(db, encryptionKey, platformId, DUE_DAYS);
  const r = Router();
  const base = "/activities/:activityId/followup";
  const withActor = requireActivityActor(db, now);

  const render = async (req: Request, res: Response, query: AtRiskQuery, failure?: FormFailure) => {
    const actor = actorOf(res);
    const t = res.locals.t as T;
    const page = await getFollowupPage(db, actor, Number(req.params.activityId), query, now(), t, signals);
    if (query.format !== "html") {
      const rows = atRiskRows(page.raw, t, actor.locale);
      const name = `at-risk-${page.activityId}${page.isPlatformWide ? "-platform" : ""}.${query.format}`;
      res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
      if (query.format === "csv") return void res.type("text/csv; charset=utf-8").send(atRiskCsv(rows, actor.locale));
      res.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      return void res.send(await atRiskXlsx(rows, t("followup.list.title")));
    }
    res.render("followup/page", {
      ...page,
      saved: req.query.saved === "1",
      fieldErrors: failure?.fieldErrors ?? {},
      values: failure?.values ?? null,
    });
  };

  r.get(
    base,
    withActor,
    validate({ params: activityParams, query: atRiskQuerySchema }, (i, req, res) => render(req, res, i.query)),
  );
  const invalid = (req: Request, res: Response, f: FormFailure) => render(req, res, atRiskQuerySchema.parse({}), f);
  r.post(
    `${base}/rules`,
    withActor,
    saveForm(
      { params: activityParams, body: saveRulesSchema, invalid },
      (i, a) => saveRules(db, a, i.params.activityId, i.body, now()),
      back,
    ),
  );
  const student = async (req: Request, res: Response, failure?: FormFailure) => {
    const actor = actorOf(res);
    const of = studentPageQuerySchema.parse(req.query).of ?? Number(req.params.activityId);
    const page = await getStudentPage(db, actor, of, String(req.params.userId), now(), res.locals.t as T);
    res.render("followup/student", {
      ...page,
      saved: req.query.saved === "1",
      fieldErrors: failure?.fieldErrors ?? {},
      values: failure?.values ?? null,
    });
  };
  r.get(
    `${base}/students/:userId`,
    withActor,
    validate({ params: studentParams, query: studentPageQuerySchema }, (_i, req, res) => student(req, res)),
  );
  r.post(
    `${base}/students/:userId`,
    withActor,
    validate(
      { params: studentParams, query: studentPageQuerySchema, body: recordContactSchema, invalid: student },
      async (i, _req, res) => {
        const of = i.query.of ?? i.params.activityId;
        await recordContact(db, actorOf(res), of, i.params.userId, i.body, now());
        const page = `/activities/${i.params.activityId}/followup/students/${encodeURIComponent(i.params.userId)}`;
        res.redirect(303, `${page}?of=${of}&saved=1`);
      },
    ),
  );
  r.get(
    `${base}/me`,
    withActor,
    validate({ params: activityParams }, async (i, _req, res) => {
      const actor = actorOf(res);
      res.render("followup/me", await getOwnWarnings(db, actor, i.params.activityId, now(), res.locals.t as T));
    }),
  );
  return r;
}
