import { Router } from "express";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { checkIn } from "../check-in.js";
import { takePendingCheckin } from "../pending-checkin.js";
import { checkinRoute, renderConfirmation } from "../render-outcome.js";
import { activityParams } from "../schemas.js";
import type { CheckinRouteDeps } from "./deps.js";
import { requestFacts } from "./request-facts.js";

/** After the Moodle login: the check-in this browser scanned before it had a launch. */
export function pendingCheckinRoute({ db, now, cookies }: CheckinRouteDeps): Router {
  const r = Router();
  r.get(
    "/activities/:activityId/checkin/pending",
    requireActivityActor(db, now),
    checkinRoute({ params: activityParams }, async ({ params }, req, res) => {
      const actor = actorOf(res);
      const pending = await takePendingCheckin(db, res.locals.browserId as string, params.activityId, now());
      if (!pending) return res.redirect(303, `/activities/${params.activityId}/me`);
      const wish = { sessionId: pending.sessionId, code: pending.code, via: "pending" as const };
      const result = await checkIn(
        db,
        actor,
        { ...wish, scannedAt: pending.scannedAt },
        now(),
        requestFacts(req, res, cookies),
      );
      await renderConfirmation(db, res, result, actor.locale);
    }),
  );
  return r;
}
