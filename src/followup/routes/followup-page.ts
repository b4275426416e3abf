import { Router, type Request, type Response } from "express";
import { openMoodleSignals } from "../../bridge/index.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { activityParams, saveForm, validate, type FormFailure } from "../../http/validate.js";
import type { T } from "../../i18n/i18n.js";
import { atRiskCsv, atRiskRows, atRiskXlsx } from "../export-at-risk.js";
import { getFollowupPage } from "../get-followup-page.js";
import type { SignalsSource } from "../moodle-signals.js";
import { DUE_DAYS } from "../present-signals.js";
import { saveRules } from "../save-rules.js";
import { atRiskQuerySchema, saveRulesSchema, type AtRiskQuery } from "../schemas.js";
import type { FollowupRouteDeps } from "./index.js";

type Page = Awaited<ReturnType<typeof getFollowupPage>>;

/** The at-risk list as a download: CSV (the reader's dialect) or XLSX. */
async function sendList(res: Response, page: Page, format: "csv" | "xlsx") {
  const actor = actorOf(res);
  const t = res.locals.t as T;
  const rows = atRiskRows(page.raw, t, actor.locale);
  const name = `at-risk-${page.activityId}${page.isPlatformWide ? "-platform" : ""}.${format}`;
  res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
  if (format === "csv") return void res.type("text/csv; charset=utf-8").send(atRiskCsv(rows, actor.locale));
  res.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  res.send(await atRiskXlsx(rows, t("followup.list.title")));
}

/** GET the Follow-up page (the rules form and the at-risk list, or the list's CSV/XLSX); POST its rules form. */
export function followupPageRoute({ db, now, encryptionKey }: FollowupRouteDeps): Router {
  const signals: SignalsSource = (platformId) => openMoodleSignals(db, encryptionKey, platformId, DUE_DAYS);
  const r = Router();
  const base = "/activities/:activityId/followup";
  const withActor = requireActivityActor(db, now);

  const render = async (req: Request, res: Response, query: AtRiskQuery, failure?: FormFailure) => {
    const t = res.locals.t as T;
    const page = await getFollowupPage(db, actorOf(res), Number(req.params.activityId), query, now(), t, signals);
    if (query.format !== "html") return sendList(res, page, query.format);
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
      (req) => `/activities/${req.params.activityId}/followup?saved=1`,
    ),
  );
  return r;
}
