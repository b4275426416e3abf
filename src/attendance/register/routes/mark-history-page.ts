import { Router } from "express";
import { actorOf, requireActivityActor } from "../../../http/require-actor.js";
import { validate } from "../../../http/validate.js";
import type { T } from "../../../i18n/i18n.js";
import type { AttendanceRouteDeps } from "../../routes.js";
import { getMarkHistoryPage } from "../register-pages.js";
import { historyParams } from "../schemas.js";

/** GET one student's mark in a session and every change of it (who, when, from, to). */
export function markHistoryPageRoute({ db, now }: AttendanceRouteDeps): Router {
  const r = Router();
  r.get(
    "/activities/:activityId/attendance/sessions/:sessionId/students/:userId/history",
    requireActivityActor(db, now),
    validate({ params: historyParams }, async ({ params }, _req, res) =>
      res.render(
        "attendance/mark-history",
        await getMarkHistoryPage(db, actorOf(res), params, now(), res.locals.t as T),
      ),
    ),
  );
  return r;
}
