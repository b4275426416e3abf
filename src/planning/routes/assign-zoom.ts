import { Router } from "express";
import { Conflict } from "../../errors.js";
import { actorOf } from "../../http/require-actor.js";
import { validate } from "../../http/validate.js";
import { syncDayMeetings } from "../zoom/sync-day-meetings.js";
import type { PlanningPageDeps } from "./index.js";
import { BASE, dayParams, studyDate, studyDaysUrl } from "./params.js";

/** POST "Assign Zoom" on a day: re-plans its hosts and makes or changes the meetings; the counts go back to the plan. */
export function assignZoomRoute({ db, now, zoom, guard }: PlanningPageDeps) {
  const r = Router();
  r.post(
    `${BASE}/days/:date/zoom`,
    guard,
    studyDate,
    validate({ params: dayParams }, async ({ params }, _req, res) => {
      if (!zoom) throw Conflict("planning.zoom.not_configured");
      const result = await syncDayMeetings(db, actorOf(res), params.date, zoom, now());
      const counts = `${result.ok},${result.failed.length},${result.unplaced.length}`;
      res.redirect(303, `${studyDaysUrl(params.activityId)}/days/${params.date}?zoom=${counts}`);
    }),
  );
  return r;
}
