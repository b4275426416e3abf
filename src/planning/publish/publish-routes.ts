import { isCalendarDate } from "../../http/validate.js";
import { Router, type Response } from "express";
import type { Db } from "../../db/client.js";
import { getMoodleClient, type MoodleClientTuning } from "../../bridge/index.js";
import { Conflict, NotFound } from "../../errors.js";
import { requireActivityActor } from "../../http/require-actor.js";
import type { Actor } from "../../lti/actor.js";
import { publishDay } from "./publish-day.js";

export interface PublishRouteDeps {
  db: Db;
  now: () => Date;
  encryptionKey: string;
  moodleTuning?: MoodleClientTuning;
}

/** "Publish to Moodle" and "Retry failed" on a day plan; the result is shown on the plan (n of m, per class). */
export function publishRoutes(deps: PublishRouteDeps, coordinator: (res: Response) => Promise<Actor>): Router {
  const r = Router();
  r.post(
    "/activities/:activityId/study-days/days/:date/publish",
    requireActivityActor(deps.db, deps.now),
    async (req, res) => {
      const actor = await coordinator(res);
      const date = String(req.params.date);
      if (!isCalendarDate(date)) throw NotFound("planning.errors.bad_date");
      const client = await getMoodleClient(deps.db, deps.encryptionKey, actor.platformId, deps.moodleTuning);
      if (!client) throw Conflict("planning.publish.not_connected"); // configuration, not an outage: 409
      const onlyFailed = (req.body as Record<string, string>).retry === "failed";
      const result = await publishDay(deps.db, actor, date, client, { now: deps.now(), onlyFailed });
      req.log.info(
        { platformId: actor.platformId, date, onlyFailed, ...result, announcement: result.announcement.status },
        "study day published",
      );
      const summary = [result.total, result.published + result.removed, result.failed, result.announcement.status].join(
        ",",
      );
      res.redirect(303, `/activities/${Number(req.params.activityId)}/study-days/days/${date}?published=${summary}`);
    },
  );
  return r;
}
