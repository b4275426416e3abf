import { Router } from "express";
import { actorOf } from "../../http/require-actor.js";
import { activityParams, validate } from "../../http/validate.js";
import { scheduleTemplateCsv } from "../import/schedule-columns.js";
import { scheduleTemplateXlsx } from "../import/schedule-template-xlsx.js";
import type { PlanningPageDeps } from "./index.js";
import { BASE } from "./params.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** GET the schedule templates (CSV and XLSX) in the coordinator's language, with an example row. */
export function scheduleTemplateRoutes({ guard }: PlanningPageDeps) {
  const r = Router();
  r.get(
    `${BASE}/template.csv`,
    guard,
    validate({ params: activityParams }, async (_input, _req, res) => {
      const { locale } = actorOf(res);
      res
        .type("text/csv; charset=utf-8")
        .attachment(`rollbook-schedule-${locale}.csv`)
        .send(scheduleTemplateCsv(locale));
    }),
  );
  r.get(
    `${BASE}/template.xlsx`,
    guard,
    validate({ params: activityParams }, async (_input, _req, res) => {
      const { locale } = actorOf(res);
      res
        .type(XLSX)
        .attachment(`rollbook-schedule-${locale}.xlsx`)
        .send(await scheduleTemplateXlsx(locale));
    }),
  );
  return r;
}
