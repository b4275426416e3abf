import { Router } from "express";
import { NotFound } from "../../errors.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { outboxScope } from "../outbox-scope.js";
import { retryDelivery } from "../retry-delivery.js";
import { sendTestMessage } from "../send-test-message.js";
import { deliveryIdSchema } from "../schemas.js";
import type { NotifyRouteDeps } from "./index.js";

/** POST "retry now" on a failed or retrying message, and the connection check; back to the outbox. */
export function retryMessageRoute({ db, now }: NotifyRouteDeps): Router {
  const r = Router();
  r.post("/activities/:activityId/outbox/:deliveryId/retry", requireActivityActor(db, now), async (req, res) => {
    const actor = actorOf(res);
    const id = deliveryIdSchema.safeParse(req.params.deliveryId);
    if (!id.success) throw NotFound();
    await retryDelivery(db, await outboxScope(db, actor), id.data, now());
    res.redirect(303, `/activities/${actor.activityId}/outbox?retried=1`);
  });
  r.post("/activities/:activityId/outbox/test", requireActivityActor(db, now), async (_req, res) => {
    const actor = actorOf(res);
    await sendTestMessage(db, actor, now());
    res.redirect(303, `/activities/${actor.activityId}/outbox?tested=1`);
  });
  return r;
}
