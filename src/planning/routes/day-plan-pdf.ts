import { Router } from "express";
import { actorOf } from "../../http/require-actor.js";
import { validate } from "../../http/validate.js";
import { getDayPlanPdf } from "../pdf/get-day-plan-pdf.js";
import { dayPlanFileName } from "../pdf/render-day-plan-pdf.js";
import type { PlanningPageDeps } from "./index.js";
import { BASE, dayParams, studyDate } from "./params.js";

/** GET a study day's plan as a PDF to print or send (in the coordinator's language). */
export function dayPlanPdfRoute({ db, now, guard }: PlanningPageDeps) {
  const r = Router();
  r.get(
    `${BASE}/days/:date/plan.pdf`,
    guard,
    studyDate,
    validate({ params: dayParams }, async ({ params }, _req, res) => {
      const actor = actorOf(res);
      const pdf = await getDayPlanPdf(db, actor.platformId, params.date, actor.locale, now());
      res.type("application/pdf").attachment(dayPlanFileName(params.date, actor.locale)).send(pdf);
    }),
  );
  return r;
}
