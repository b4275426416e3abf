import { Router, type Request, type Response } from "express";
import { idParam } from "../http/forms.js";
import type { Db } from "../db/client.js";
import { NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { cancelClass } from "./cancel-class.js";
import { presentClass } from "./present.js";
import { getClass, getPlanningSettings } from "./queries.js";
import { isRestorable, restoreClass } from "./restore-class.js";

export interface CancelRouteDeps {
  db: Db;
  now: () => Date;
  /** The coordinator launched into this activity (refuses anyone else). */
  coordinator: (res: Response) => Promise<Actor>;
  /** The study-day area of the activity in the URL. */
  base: (req: Request) => string;
}

/**
 * Cancelling a class asks first (a page with the class and a confirm button, so it works without JavaScript);
 * a cancelled class can be restored until its day.
 */
export function cancelRoutes({ db, now, coordinator, base }: CancelRouteDeps): Router {
  const r = Router();
  const CLASS = "/activities/:activityId/study-days/classes/:classId";
  const load = async (req: Request, res: Response) => {
    const actor = await coordinator(res);
    const row = await getClass(db, actor.platformId, idParam(req.params.classId));
    if (!row) throw NotFound();
    return { actor, row };
  };

  r.get(`${CLASS}/cancel`, async (req, res) => {
    const { actor, row } = await load(req, res);
    const settings = await getPlanningSettings(db, actor.platformId);
    res.render("planning/cancel-confirm", {
      base: base(req),
      cls: presentClass(row, new Map(), settings.timezone),
      classDate: row.classDate,
    });
  });

  r.post(`${CLASS}/cancel`, async (req, res) => {
    const { actor, row } = await load(req, res);
    await cancelClass(db, actor, row.id, now());
    res.redirect(303, `${base(req)}/days/${row.classDate}?notice=cancelled&class=${row.id}`);
  });

  r.post(`${CLASS}/restore`, async (req, res) => {
    const { actor, row } = await load(req, res);
    const settings = await getPlanningSettings(db, actor.platformId);
    await restoreClass(db, actor, row.id, now(), settings.timezone);
    res.redirect(303, `${base(req)}/days/${row.classDate}?notice=restored`);
  });

  return r;
}

export { isRestorable };
