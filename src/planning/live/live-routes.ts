import { Router, type Response } from "express";
import type { Db } from "../../db/client.js";
import { requireActivityActor } from "../../http/require-actor.js";
import { validate } from "../../http/validate.js";
import type { Actor } from "../../lti/actor.js";
import { timelineParams } from "../timeline/schemas.js";
import { getLivePage } from "./get-live-page.js";

/** The day's live page for the coordinators on duty (refreshes itself every minute). */
export function liveRoutes(db: Db, now: () => Date, coordinator: (res: Response) => Promise<Actor>): Router {
  const r = Router();
  r.get(
    "/activities/:activityId/study-days/days/:date/live",
    requireActivityActor(db, now),
    validate({ params: timelineParams }, async ({ params }, _req, res) => {
      const actor = await coordinator(res);
      res.render("planning/timeline-live", {
        base: `/activities/${params.activityId}/study-days`,
        ...(await getLivePage(db, actor, params.date, now())),
      });
    }),
  );
  return r;
}
