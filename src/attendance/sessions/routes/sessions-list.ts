import { Router, type Request, type Response } from "express";
import { actorOf, requireActivityActor } from "../../../http/require-actor.js";
import { activityParams, validate, type FormFailure } from "../../../http/validate.js";
import type { T } from "../../../i18n/i18n.js";
import type { AttendanceRouteDeps } from "../../routes.js";
import { bulkChangeSchema, bulkChangeSessions } from "../bulk-change-sessions.js";
import { presentBulkForm } from "../present.js";
import { sessionsQuerySchema, type SessionsQuery } from "../schemas.js";
import { getSessionsPage } from "../sessions-pages.js";

/** The sessions list (day, week, month or all) and its bulk change (delete or move the chosen sessions). */
export function sessionsListRoute({ db, now, events, panels }: AttendanceRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const base = "/activities/:activityId/attendance/sessions";

  /** The list; after a refused bulk change, with its messages and the chosen sessions and values kept. */
  const render = async (req: Request, res: Response, q: SessionsQuery, refused?: FormFailure) => {
    const { activityId } = activityParams.parse(req.params);
    const page = await getSessionsPage(db, actorOf(res), activityId, q, now(), res.locals.t as T, panels);
    const bulk = presentBulkForm(refused && (req.body as Record<string, unknown>));
    const fieldErrors = refused?.fieldErrors ?? {};
    res.render("attendance/sessions", { ...page, done: q.done, count: q.count, bulk, fieldErrors });
  };
  const list = { params: activityParams, query: sessionsQuerySchema };
  r.get(
    base,
    withActor,
    validate(list, ({ query }, req, res) => render(req, res, query)),
  );

  const bulkRefused = (req: Request, res: Response, f: FormFailure) =>
    render(req, res, sessionsQuerySchema.parse(req.query), f);
  const bulk = { params: activityParams, body: bulkChangeSchema, invalid: bulkRefused };
  r.post(
    `${base}/bulk`,
    withActor,
    validate(bulk, async ({ params, body }, req, res) => {
      await bulkChangeSessions(db, actorOf(res), params.activityId, body, now(), events);
      res.redirect(303, `/activities/${req.params.activityId}/attendance/sessions?done=${body.action}`);
    }),
  );
  return r;
}
