import { Router, type Response } from "express";
import type { Db } from "../../db/client.js";
import { requireActivityActor } from "../../http/require-actor.js";
import { validate } from "../../http/validate.js";
import type { Actor } from "../../lti/actor.js";
import { getBriefingPage } from "./get-briefing-page.js";
import { timelineParams } from "./schemas.js";

/** The briefing page of a study day (coordinators): per class what is confirmed, made, published and sent. */
export function briefingRoutes(db: Db, now: () => Date, coordinator: (res: Response) => Promise<Actor>): Router {
  const r = Router();
  r.get(
    "/activities/:activityId/study-days/days/:date/briefing",
    requireActivityActor(db, now),
    validate({ params: timelineParams }, async ({ params }, _req, res) => {
      const actor = await coordinator(res);
      res.render("planning/timeline-briefing", {
        base: `/activities/${params.activityId}/study-days`,
        ...(await getBriefingPage(db, actor, params.date)),
      });
    }),
  );
  return r;
}
