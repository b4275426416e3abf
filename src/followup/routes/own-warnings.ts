import { Router } from "express";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { activityParams, validate } from "../../http/validate.js";
import type { T } from "../../i18n/i18n.js";
import { getOwnWarnings } from "../get-own-warnings.js";
import type { FollowupRouteDeps } from "./index.js";

/** GET /activities/:id/followup/me: the student's own warnings, what each means and whether it still holds. */
export function ownWarningsRoute({ db, now }: FollowupRouteDeps): Router {
  const r = Router();
  r.get(
    "/activities/:activityId/followup/me",
    requireActivityActor(db, now),
    validate({ params: activityParams }, async (i, _req, res) => {
      const page = await getOwnWarnings(db, actorOf(res), i.params.activityId, now(), res.locals.t as T);
      res.render("followup/me", page);
    }),
  );
  return r;
}
