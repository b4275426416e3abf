import { Router } from "express";
import { NotFound } from "../../errors.js";
import { actorOf } from "../../http/require-actor.js";
import { validate } from "../../http/validate.js";
import { cancelClass } from "../cancel-class.js";
import { presentClass } from "../present.js";
import { getClass, getPlanningSettings } from "../queries.js";
import { restoreClass } from "../restore-class.js";
import type { PlanningPageDeps } from "./index.js";
import { BASE, classParams, studyDaysUrl } from "./params.js";

/**
 * Cancelling a class asks first (a page with the class and a confirm button, so it works without JavaScript);
 * a cancelled class can be restored until its day.
 */
export function cancelClassRoutes({ db, now, guard }: PlanningPageDeps) {
  const r = Router();
  const CLASS = `${BASE}/classes/:classId`;
  /** The class in the URL, of the actor's platform; another platform's class is missing, as a missing one is. */
  const classOf = async (platformId: string, classId: number) => {
    const row = await getClass(db, platformId, classId);
    if (!row) throw NotFound();
    return row;
  };
  const day = (activityId: number, classDate: string) => `${studyDaysUrl(activityId)}/days/${classDate}`;

  r.get(
    `${CLASS}/cancel`,
    guard,
    validate({ params: classParams }, async ({ params }, _req, res) => {
      const actor = actorOf(res);
      const row = await classOf(actor.platformId, params.classId);
      const { timezone } = await getPlanningSettings(db, actor.platformId);
      res.render("planning/cancel-confirm", {
        base: studyDaysUrl(params.activityId),
        cls: presentClass(row, new Map(), timezone),
        classDate: row.classDate,
      });
    }),
  );
  r.post(
    `${CLASS}/cancel`,
    guard,
    validate({ params: classParams }, async ({ params }, _req, res) => {
      const actor = actorOf(res);
      const row = await classOf(actor.platformId, params.classId);
      await cancelClass(db, actor, row.id, now());
      res.redirect(303, `${day(params.activityId, row.classDate)}?notice=cancelled&class=${row.id}`);
    }),
  );
  r.post(
    `${CLASS}/restore`,
    guard,
    validate({ params: classParams }, async ({ params }, _req, res) => {
      const actor = actorOf(res);
      const row = await classOf(actor.platformId, params.classId);
      const { timezone } = await getPlanningSettings(db, actor.platformId);
      await restoreClass(db, actor, row.id, now(), timezone);
      res.redirect(303, `${day(params.activityId, row.classDate)}?notice=restored`);
    }),
  );
  return r;
}
