import { Router } from "express";
import { actorOf, requireActivityActor } from "../../../http/require-actor.js";
import { validate } from "../../../http/validate.js";
import type { AttendanceRouteDeps } from "../../routes.js";
import { duplicateSession } from "../duplicate-session.js";
import { sessionParams } from "../schemas.js";

/** POST "duplicate": a copy of the session, opened in its edit form. */
export function duplicateSessionRoute({ db, now, events }: AttendanceRouteDeps): Router {
  const r = Router();
  r.post(
    "/activities/:activityId/attendance/sessions/:sessionId/duplicate",
    requireActivityActor(db, now),
    validate({ params: sessionParams }, async ({ params }, req, res) => {
      const id = await duplicateSession(db, actorOf(res), params.activityId, params.sessionId, now(), events);
      res.redirect(303, `/activities/${req.params.activityId}/attendance/sessions/${id}/edit`);
    }),
  );
  return r;
}
