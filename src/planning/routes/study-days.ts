import { Router, type Response } from "express";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { actorOf } from "../../http/require-actor.js";
import { activityParams, validate } from "../../http/validate.js";
import type { T } from "../../i18n/i18n.js";
import { presentPlanDates } from "../present.js";
import { listDatesWithSummaries } from "../timeline/get-timeline-page.js";
import type { PlanningPageDeps } from "./index.js";
import { BASE, shown, studyDaysUrl } from "./params.js";

const studyDaysQuery = z.object({ imported: shown, unchecked: shown });

/** The index with the import form and the dates; `extra` says how the last import went. */
export async function renderStudyDays(db: Db, res: Response, activityId: number, extra: Record<string, unknown>) {
  const actor = actorOf(res);
  const dates = await listDatesWithSummaries(db, actor.platformId, res.locals.t as T);
  res.render("planning/index", {
    base: studyDaysUrl(activityId),
    dates: presentPlanDates(dates, actor.locale),
    problems: [],
    ...extra,
  });
}

/** GET the study-day index: the import form, the dates with classes and each day's timeline summary. */
export function studyDaysRoute({ db, guard }: PlanningPageDeps) {
  const r = Router();
  r.get(
    BASE,
    guard,
    validate({ params: activityParams, query: studyDaysQuery }, ({ params, query }, _req, res) =>
      renderStudyDays(db, res, params.activityId, { imported: query.imported, unchecked: query.unchecked === "1" }),
    ),
  );
  return r;
}
