import { Router } from "express";
import { z } from "zod";
import { actorOf } from "../../http/require-actor.js";
import { validate } from "../../http/validate.js";
import { presentDayPage } from "../present.js";
import { getDayPlan } from "../queries.js";
import type { PlanningPageDeps } from "./index.js";
import { BASE, dayParams, shown, studyDate, studyDaysUrl } from "./params.js";

/** What a redirect back to the plan says: a notice, the Zoom and publishing results, the class just cancelled. */
const dayQuery = z.object({ notice: shown, zoom: shown, published: shown, class: z.coerce.number().catch(0) });

/** GET a study day's plan: online and on-site classes, Zoom and Moodle results, the buttons that act on the day. */
export function dayPlanRoute({ db, now, zoom, guard }: PlanningPageDeps) {
  const r = Router();
  r.get(
    `${BASE}/days/:date`,
    guard,
    studyDate,
    validate({ params: dayParams, query: dayQuery }, async ({ params, query }, _req, res) => {
      const actor = actorOf(res);
      const plan = await getDayPlan(db, actor.platformId, params.date);
      res.render("planning/day", {
        base: studyDaysUrl(params.activityId),
        ...presentDayPage(plan, query, actor.locale, now()),
        hasZoom: Boolean(zoom),
      });
    }),
  );
  return r;
}
