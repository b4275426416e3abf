import { Router, type Request, type Response } from "express";
import { NotFound } from "../../errors.js";
import { setActor } from "../../http/locale.js";
import { checkIn } from "../check-in.js";
import { RATE_WINDOW_MS } from "../checkin-guards.js";
import { readLink } from "../checkin-link.js";
import { holdCheckin } from "../hold-checkin.js";
import { previewReason } from "../preview-fetch.js";
import { loadCheckin } from "../queries.js";
import { refuseTampered } from "../refuse-tampered.js";
import { checkinRoute, renderConfirmation } from "../render-outcome.js";
import { tokenParams } from "../schemas.js";
import type { CheckinRouteDeps } from "./deps.js";
import { requestFacts } from "./request-facts.js";

/**
 * GET /c/:token, the scanned link: checks in at once with a launch in this browser, else after the Moodle login.
 * A prefetch or a link preview (preview-fetch.ts) gets a page with one button instead, which POSTs to the same
 * address: nothing is written until a person taps it.
 */
export function scanLinkRoute(deps: CheckinRouteDeps): Router {
  const r = Router();
  r.get(
    "/c/:token",
    checkinRoute({ params: tokenParams }, async ({ params }, req, res) => {
      const reason = previewReason({ get: (name) => req.get(name) });
      if (!reason) return scan(deps, params.token, req, res);
      req.log.info({ reason }, "check-in link opened by a preview or prefetch: asking for a tap");
      res.set("Cache-Control", "no-store").set("X-Robots-Tag", "noindex");
      res.render("checkin/confirm-scan", { token: params.token });
    }),
  );
  r.post(
    "/c/:token",
    checkinRoute({ params: tokenParams }, ({ params }, req, res) => scan(deps, params.token, req, res)),
  );
  return r;
}

async function scan(deps: CheckinRouteDeps, token: string, req: Request, res: Response): Promise<void> {
  const { db, lti, now, linkKey, cookies } = deps;
  const at = now();
  const browserId = res.locals.browserId as string;
  const facts = requestFacts(req, res, cookies);
  const link = readLink(linkKey, token);
  if (!link) return refuseTampered(db, { token, browserId, facts, log: req.log, res }, at);
  const since = new Date(at.getTime() - RATE_WINDOW_MS);
  const found = await loadCheckin(db, link.sessionId, { browserId }, at, since);
  if (!found) throw NotFound();
  const { context: ctx, actor } = found;
  if (actor) {
    setActor(res, actor);
    const wish = { sessionId: ctx.session.id, code: link.code, via: "link" as const };
    return renderConfirmation(db, res, await checkIn(db, actor, wish, at, facts, found), actor.locale);
  }
  // No tool session in this browser: the check-in completes after the Moodle login.
  const platform = await lti().getPlatform(ctx.course.platformId);
  if (!platform || !ctx.activity.resourceLinkId) throw NotFound();
  await holdCheckin(db, ctx, browserId, link.code, at, facts);
  const issuer = platform.issuer.replace(/\/+$/, "");
  res.redirect(303, `${issuer}/mod/lti/view.php?l=${encodeURIComponent(ctx.activity.resourceLinkId)}`);
}
