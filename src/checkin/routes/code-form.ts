import { Router, type Request } from "express";
import { NotFound } from "../../errors.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { validate } from "../../http/validate.js";
import { checkIn } from "../check-in.js";
import { authorize } from "../policy.js";
import { getCheckinContext } from "../queries.js";
import { checkinRoute, renderConfirmation } from "../render-outcome.js";
import { codeBody, sessionParams } from "../schemas.js";
import type { CheckinRouteDeps } from "./deps.js";
import { requestFacts } from "./request-facts.js";

const FORM = "/activities/:activityId/me/checkin/:sessionId";
const retry = (req: Request) => `/activities/${req.params.activityId}/me/checkin/${req.params.sessionId}`;

/** The student types the code shown in the room (password check-in, or a QR they cannot scan). */
export function codeFormRoutes({ db, now, cookies }: CheckinRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  r.get(
    FORM,
    withActor,
    validate({ params: sessionParams }, async ({ params }, _req, res) => {
      authorize(actorOf(res), "checkin.self");
      const ctx = await getCheckinContext(db, params.sessionId);
      if (!ctx || ctx.activity.id !== actorOf(res).activityId || ctx.activity.id !== params.activityId)
        throw NotFound();
      res.render("checkin/code-form", {
        activityId: ctx.activity.id,
        sessionId: ctx.session.id,
        title: ctx.activity.title,
        description: ctx.session.description,
      });
    }),
  );
  r.post(
    FORM,
    withActor,
    checkinRoute(
      { params: sessionParams, body: codeBody },
      async ({ params, body }, req, res) => {
        const actor = actorOf(res);
        if (params.activityId !== actor.activityId) throw NotFound();
        const wish = { sessionId: params.sessionId, code: body.code, via: "typed" as const };
        const result = await checkIn(db, actor, wish, now(), requestFacts(req, res, cookies));
        await renderConfirmation(db, res, result, actor.locale);
      },
      retry,
    ),
  );
  return r;
}
