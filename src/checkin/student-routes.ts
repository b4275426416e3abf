import { Router, type Request, type Response } from "express";
import type { Db } from "../db/client.js";
import { NotFound } from "../errors.js";
import { setActor } from "../http/locale.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import type { Lti } from "../lti/provider.js";
import type { CookiePolicy } from "../http/cookie-policy.js";
import { idParam } from "../http/forms.js";
import { checkIn } from "./check-in.js";
import { RATE_WINDOW_MS } from "./checkin-guards.js";
import { holdCheckin } from "./hold-checkin.js";
import { claimedSessionOf, readLink } from "./checkin-link.js";
import { ensureDeviceToken } from "./device-token.js";
import { logAttempt, type RequestFacts } from "./log-attempt.js";
import { takePendingCheckin } from "./pending-checkin.js";
import { authorize } from "./policy.js";
import { getCheckinContext, getScanContext, loadCheckin } from "./queries.js";
import { CheckinRefused } from "./refusal.js";
import { checkinHandler, renderConfirmation } from "./render-outcome.js";

export interface CheckinRouteDeps {
  db: Db;
  lti: () => Lti;
  now: () => Date;
  linkKey: string;
  publicUrl: string;
  cookies: CookiePolicy;
}

/** The student's side: the scanned link /c/:token, the pending check-in after the Moodle login, and typing the code. */
export function studentCheckinRoutes({ db, lti, now, linkKey, cookies }: CheckinRouteDeps): Router {
  const r = Router();
  // While the database is unreachable, a student who scanned is told to scan again in a moment.
  r.use(["/c/", "/activities/:activityId/me/checkin/"], (_req, res, next) => {
    res.locals.outageMessage = "errors.unavailable_checkin";
    next();
  });
  const withActor = requireActivityActor(db, now);
  const facts = (req: Request, res: Response): RequestFacts => ({
    ip: req.ip ?? "",
    userAgent: req.get("user-agent") ?? "",
    deviceToken: ensureDeviceToken(req, res, cookies),
  });

  r.get(
    "/c/:token",
    checkinHandler(async (req, res) => {
      const at = now();
      const link = readLink(linkKey, String(req.params.token));
      if (!link) return refuseTampered(req, res, at);
      const scan = await loadCheckin(
        db,
        link.sessionId,
        { browserId: res.locals.browserId as string },
        at,
        new Date(at.getTime() - RATE_WINDOW_MS),
      );
      if (!scan) throw NotFound();
      const { context: ctx, actor } = scan;
      if (actor) {
        setActor(res, actor);
        return renderConfirmation(
          db,
          res,
          await checkIn(
            db,
            actor,
            { sessionId: ctx.session.id, code: link.code, via: "link" },
            at,
            facts(req, res),
            scan,
          ),
          actor.locale,
        );
      }
      // No tool session in this browser: the check-in completes after the Moodle login.
      const platform = await lti().getPlatform(ctx.course.platformId);
      if (!platform || !ctx.activity.resourceLinkId) throw NotFound();
      await holdCheckin(db, ctx, res.locals.browserId as string, link.code, at, facts(req, res));
      res.redirect(
        303,
        `${platform.issuer.replace(/\/+$/, "")}/mod/lti/view.php?l=${encodeURIComponent(ctx.activity.resourceLinkId)}`,
      );
    }),
  );

  /**
   * A link whose signature does not match: refused, and written to the attempt log of the session it claims to be
   * for (with the student when this browser has a launch into that activity), so the lecturer sees it.
   */
  async function refuseTampered(req: Request, res: Response, at: Date): Promise<never> {
    const token = String(req.params.token);
    const claimed = claimedSessionOf(token);
    const scan = claimed === null ? null : await getScanContext(db, claimed, res.locals.browserId as string, at);
    if (scan) {
      if (scan.actor) setActor(res, scan.actor);
      await logAttempt(
        db,
        {
          sessionId: scan.context.session.id,
          userId: scan.actor?.userId ?? null,
          outcome: "refused",
          reason: "tampered",
          via: "link",
        },
        facts(req, res),
        at,
      );
    }
    req.log.warn({ token: token.slice(0, 80), session: scan?.context.session.id ?? null }, "tampered check-in link");
    throw CheckinRefused("tampered");
  }

  r.get(
    "/activities/:activityId/checkin/pending",
    withActor,
    checkinHandler(async (req, res) => {
      const actor = actorOf(res);
      const pending = await takePendingCheckin(
        db,
        res.locals.browserId as string,
        idParam(req.params.activityId),
        now(),
      );
      if (!pending) return res.redirect(303, `/activities/${req.params.activityId}/me`);
      const result = await checkIn(
        db,
        actor,
        { sessionId: pending.sessionId, code: pending.code, via: "pending", scannedAt: pending.scannedAt },
        now(),
        facts(req, res),
      );
      await renderConfirmation(db, res, result, actor.locale);
    }),
  );

  const formPath = "/activities/:activityId/me/checkin/:sessionId";
  r.get(formPath, withActor, async (req, res) => {
    authorize(actorOf(res), "checkin.self");
    const ctx = await getCheckinContext(db, idParam(req.params.sessionId));
    if (!ctx || ctx.activity.id !== actorOf(res).activityId || ctx.activity.id !== idParam(req.params.activityId))
      throw NotFound();
    res.render("checkin/code-form", {
      activityId: ctx.activity.id,
      sessionId: ctx.session.id,
      title: ctx.activity.title,
      description: ctx.session.description,
    });
  });
  const retry = (req: Request) => `/activities/${req.params.activityId}/me/checkin/${req.params.sessionId}`;
  r.post(
    formPath,
    withActor,
    checkinHandler(async (req, res) => {
      const actor = actorOf(res);
      if (idParam(req.params.activityId) !== actor.activityId) throw NotFound();
      const code = String((req.body as Record<string, unknown>).code ?? "").slice(0, 64);
      await renderConfirmation(
        db,
        res,
        await checkIn(
          db,
          actor,
          { sessionId: idParam(req.params.sessionId), code, via: "typed" },
          now(),
          facts(req, res),
        ),
        actor.locale,
      );
    }, retry),
  );
  return r;
}
