import { Router, type Response } from "express";
import type { Db } from "../db/client.js";
import { SessionExpired } from "../errors.js";
import { findDeepLinkSession } from "../http/app-sessions.js";
import { setActor } from "../http/locale.js";
import type { Lti } from "../lti/provider.js";
import type { T } from "../i18n/i18n.js";
import { contentItemFor, createActivity, createActivitySchema } from "./create-activity.js";
import { authorize } from "./policy.js";

export interface DeepLinkDeps {
  db: Db;
  lti: () => Lti;
  now: () => Date;
  publicUrl: string;
}

function fieldErrors(issues: { path: PropertyKey[]; message: string }[], t: T): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[String(i.path[0] ?? "form")] ??= t(i.message);
  return out;
}

/** Moodle's "Select content": the lecturer names the activity, optionally with a gradebook column, and we answer Moodle. */
export function deepLinkRoutes({ db, lti, now, publicUrl }: DeepLinkDeps): Router {
  const r = Router();

  const session = async (sessionId: string, res: Response) => {
    const s = await findDeepLinkSession(db, res.locals.browserId as string, sessionId, now());
    if (!s) throw SessionExpired();
    setActor(res, s.actor);
    authorize(s.actor, "activity.create");
    return s;
  };

  r.get("/deep-link/:sessionId", async (req, res) => {
    const s = await session(req.params.sessionId, res);
    res.render("deep-linking/form", {
      sessionId: req.params.sessionId,
      courseTitle: s.actor.courseTitle,
      values: { title: "", gradebook: true, scoreMaximum: 100 },
      errors: {},
    });
  });

  r.post("/deep-link/:sessionId", async (req, res) => {
    const s = await session(req.params.sessionId, res);
    const parsed = createActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      const body = req.body as Record<string, string>;
      res.status(400).render("deep-linking/form", {
        sessionId: req.params.sessionId,
        courseTitle: s.actor.courseTitle,
        values: { title: body.title ?? "", gradebook: body.gradebook === "on", scoreMaximum: body.scoreMaximum ?? "" },
        errors: fieldErrors(parsed.error.issues, res.locals.t as T),
      });
      return;
    }
    const activity = await createActivity(db, s.actor, parsed.data);
    const t = res.locals.t as T;
    const jwt = await lti().deepLinkingMessage(
      s.launchToken,
      [contentItemFor(activity, `${publicUrl}/lti/launch`)],
      t("deep_linking.added", { title: activity.title }),
    );
    const returnUrl = s.launchToken.platformContext.deepLinkingSettings?.deep_link_return_url ?? "";
    res.render("deep-linking/return", { jwt, returnUrl, activityTitle: activity.title });
  });

  return r;
}
