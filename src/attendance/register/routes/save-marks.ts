import { Router, type Request, type Response } from "express";
import { Invalid } from "../../../errors.js";
import { actorOf, requireActivityActor } from "../../../http/require-actor.js";
import { validate } from "../../../http/validate.js";
import type { AttendanceRouteDeps } from "../../routes.js";
import { closeSession } from "../../sessions/close-session.js";
import { sessionParams } from "../../sessions/schemas.js";
import { markAllUnmarked } from "../mark-all-unmarked.js";
import { recordMarks, type RefusedRow } from "../record-marks.js";
import { markAllUnmarkedSchema, refusedList, registerMarksSchema } from "../schemas.js";

/** The register's save (whole form or one row): it judges control characters in a remark itself, row by row. */
export const REGISTER_MARKS = /^\/activities\/[^/]+\/attendance\/sessions\/[^/]+\/marks$/;

/** After a save: JSON for register.js (one row), else back to the register with the count and the refused rows. */
function done(req: Request, res: Response, changed: number, refused: RefusedRow[] = []) {
  if (req.accepts(["html", "json"]) === "json") return res.json(refused.length ? { changed, refused } : { changed });
  const list = refusedList(refused);
  const back = `/activities/${req.params.activityId}/attendance/sessions/${req.params.sessionId}?saved=${changed}`;
  res.redirect(303, back + (list ? `&refused=${list}` : ""));
}

/** Saving a register: its marks (whole form, or one row from register.js), "set all unmarked to", closing it. */
export function saveMarksRoute({ db, now }: AttendanceRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const base = "/activities/:activityId/attendance/sessions/:sessionId";
  const marks = { params: sessionParams, body: registerMarksSchema };
  r.post(
    `${base}/marks`,
    withActor,
    validate(marks, async ({ params, body }, req, res) => {
      const { activityId, sessionId } = params;
      const result = await recordMarks(db, actorOf(res), activityId, sessionId, body, now(), { refuseStale: true });
      done(req, res, result.changed, result.refused);
    }),
  );
  const refused = async () => {
    throw Invalid("attendance.register.choose_status");
  };
  const unmarked = { params: sessionParams, body: markAllUnmarkedSchema, invalid: refused };
  r.post(
    `${base}/unmarked`,
    withActor,
    validate(unmarked, async ({ params, body }, req, res) => {
      const { activityId, sessionId } = params;
      done(req, res, (await markAllUnmarked(db, actorOf(res), activityId, sessionId, body.statusId, now())).changed);
    }),
  );
  r.post(
    `${base}/close`,
    withActor,
    validate({ params: sessionParams }, async ({ params }, req, res) =>
      done(req, res, (await closeSession(db, actorOf(res), params.activityId, params.sessionId, now())).changed),
    ),
  );
  return r;
}
