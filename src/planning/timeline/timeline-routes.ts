import { Router, type Response } from "express";
import type { MoodleClientTuning } from "../../bridge/index.js";
import { getMoodleClient } from "../../bridge/index.js";
import type { Db } from "../../db/client.js";
import { requireActivityActor } from "../../http/require-actor.js";
import { validate } from "../../http/validate.js";
import type { T } from "../../i18n/i18n.js";
import type { Actor } from "../../lti/actor.js";
import { getTimelinePage } from "./get-timeline-page.js";
import { runStepNow } from "./run-step-now.js";
import { pauseSchema, runStepSchema, stepParams, timelineParams } from "./schemas.js";
import { setDayPaused } from "./set-day-paused.js";
import type { TimelineDeps } from "./step-context.js";
import type { ZoomClient } from "../zoom/zoom-client.js";

export interface TimelineRouteDeps {
  db: Db;
  now: () => Date;
  encryptionKey: string;
  publicUrl: string;
  moodleTuning?: MoodleClientTuning;
  zoom?: ZoomClient | null;
}

const BASE = "/activities/:activityId/study-days/days/:date/timeline";

/** The timeline page of a study day (coordinators): the steps, run now / retry failed per step, pause the day. */
export function timelineRoutes(deps: TimelineRouteDeps, coordinator: (res: Response) => Promise<Actor>): Router {
  const r = Router();
  const withActor = requireActivityActor(deps.db, deps.now);
  const steps: TimelineDeps = {
    db: deps.db,
    moodle: (platformId) => getMoodleClient(deps.db, deps.encryptionKey, platformId, deps.moodleTuning),
    linkKey: deps.encryptionKey,
    publicUrl: deps.publicUrl,
    zoom: deps.zoom ?? null,
  };
  const back = (p: { activityId: number; date: string }, notice = "") =>
    `/activities/${p.activityId}/study-days/days/${p.date}/timeline${notice ? `?notice=${notice}` : ""}`;

  r.get(
    BASE,
    withActor,
    validate({ params: timelineParams }, async ({ params }, req, res) => {
      const actor = await coordinator(res);
      const page = await getTimelinePage(deps.db, actor, params.date, deps.now(), res.locals.t as T);
      res.render("planning/timeline", {
        base: `/activities/${params.activityId}/study-days`,
        ...page,
        notice: req.query.notice,
      });
    }),
  );
  r.post(
    `${BASE}/steps/:step`,
    withActor,
    validate({ params: stepParams, body: runStepSchema }, async ({ params, body }, _req, res) => {
      const actor = await coordinator(res);
      await runStepNow(steps, actor, params.date, params.step, body.mode, deps.now());
      res.redirect(303, back(params, "ran"));
    }),
  );
  r.post(
    `${BASE}/pause`,
    withActor,
    validate({ params: timelineParams, body: pauseSchema }, async ({ params, body }, _req, res) => {
      const actor = await coordinator(res);
      await setDayPaused(deps.db, actor, params.date, body.paused === "1", deps.now());
      res.redirect(303, back(params));
    }),
  );
  return r;
}
