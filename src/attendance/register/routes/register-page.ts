import { Router } from "express";
import { actorOf, requireActivityActor } from "../../../http/require-actor.js";
import { validate } from "../../../http/validate.js";
import type { T } from "../../../i18n/i18n.js";
import type { AttendanceRouteDeps } from "../../routes.js";
import { sessionParams } from "../../sessions/schemas.js";
import { getRegisterPage } from "../register-pages.js";
import { registerQuerySchema } from "../schemas.js";

/** GET a session's register: a row per expected student, and after a save how many changed and what was refused. */
export function registerPageRoute({ db, now, panels }: AttendanceRouteDeps): Router {
  const r = Router();
  const page = { params: sessionParams, query: registerQuerySchema };
  r.get(
    "/activities/:activityId/attendance/sessions/:sessionId",
    requireActivityActor(db, now),
    validate(page, async ({ params, query }, _req, res) => {
      const view = await getRegisterPage(db, actorOf(res), params, now(), res.locals.t as T, panels);
      res.render("attendance/register", { ...view, saved: query.saved, refused: query.refused });
    }),
  );
  return r;
}
