import { Router } from "express";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { activityParams, validate } from "../../http/validate.js";
import type { T } from "../../i18n/i18n.js";
import type { AttendanceRouteDeps } from "../routes.js";
import { getReportPage, getStudentHome, getSummaryPage } from "./report-pages.js";
import { reportQuerySchema } from "./schemas.js";

/** The lecturer's report and summary, and the student's own attendance page. */
export function reportRoutes({ db, now, panels }: AttendanceRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const base = "/activities/:activityId";

  const report = { params: activityParams, query: reportQuerySchema };
  r.get(
    `${base}/attendance/report`,
    withActor,
    validate(report, async ({ params, query }, _req, res) =>
      res.render("attendance/report", await getReportPage(db, actorOf(res), params.activityId, query, now())),
    ),
  );
  r.get(
    `${base}/attendance/summary`,
    withActor,
    validate({ params: activityParams }, async ({ params }, _req, res) =>
      res.render("attendance/summary", await getSummaryPage(db, actorOf(res), params.activityId, now())),
    ),
  );
  r.get(
    `${base}/me`,
    withActor,
    validate({ params: activityParams }, async ({ params }, _req, res) => {
      const page = await getStudentHome(db, actorOf(res), params.activityId, now(), res.locals.t as T, panels);
      res.render("activities/student-home", page);
    }),
  );
  return r;
}
