import { Router } from "express";
import { NotFound } from "../../errors.js";
import { setActor } from "../../http/locale.js";
import { checkIn } from "../check-in.js";
import { RATE_WINDOW_MS } from "../checkin-guards.js";
import { readLink } from "../checkin-link.js";
import { holdCheckin } from "../hold-checkin.js";
import { loadCheckin } from "../queries.js";
import { refuseTampered } from "../refuse-tampered.js";
import { checkinRoute, renderConfirmation } from "../render-outcome.js";
import { tokenParams } from "../schemas.js";
import type { CheckinRouteDeps } from "./deps.js";
import { requestFacts } from "./request-facts.js";

/** GET /c/:token, the scanned link: checks in at once with a launch in this browser, else after the Moodle login. */
export function scanLinkRoute({ db, lti, now, linkKey, cookies }: CheckinRouteDeps): Router {
  const r = Router();
  r.get(
    "/c/:token",
    checkinRoute({ params: tokenParams }, async ({ params }, req, res) => {
      const at = now();
      const browserId = res.locals.browserId as string;
      const facts = requestFacts(req, res, cookies);
      const link = readLink(linkKey, params.token);
      if (!link) return refuseTampered(db, { token: params.token, browserId, facts, log: req.log, res }, at);
      const since = new Date(at.getTime() - RATE_WINDOW_MS);
      const scan = await loadCheckin(db, link.sessionId, { browserId }, at, since);
      if (!scan) throw NotFound();
      const { context: ctx, actor } = scan;
      if (actor) {
        setActor(res, actor);
        const wish = { sessionId: ctx.session.id, code: link.code, via: "link" as const };
        return renderConfirmation(db, res, await checkIn(db, actor, wish, at, facts, scan), actor.locale);
      }
      // No tool session in this browser: the check-in completes after the Moodle login.
      const platform = await lti().getPlatform(ctx.course.platformId);
      if (!platform || !ctx.activity.resourceLinkId) throw NotFound();
      await holdCheckin(db, ctx, browserId, link.code, at, facts);
      const issuer = platform.issuer.replace(/\/+$/, "");
      res.redirect(303, `${issuer}/mod/lti/view.php?l=${encodeURIComponent(ctx.activity.resourceLinkId)}`);
    }),
  );
  return r;
}
