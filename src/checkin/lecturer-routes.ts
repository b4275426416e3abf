import { Router, type Request, type Response } from "express";
import { NotFound } from "../errors.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import type { T } from "../i18n/i18n.js";
import { bodyOf, fieldErrors, idParam } from "../http/forms.js";
import { memberNames } from "../attendance/index.js";
import { requireActivity } from "../activities/index.js";
import { getSession } from "../attendance/index.js";
import { authorize } from "./policy.js";
import { presentAttempts } from "./present.js";
import { getProjectorState } from "./projector-state.js";
import { getCheckinOptions, getCheckinSettings, listAttempts, listCheckinStatuses } from "./queries.js";
import { saveCheckinOptions, saveCheckinSettings, setCheckinClosed } from "./save-checkin-settings.js";
import { checkinOptionsSchema, sessionCheckinSchema } from "./settings-schema.js";
import type { CheckinRouteDeps } from "./student-routes.js";

/** The lecturer's side: a session's check-in settings, close early / reopen, the activity's options, the projector and the log. */
export function lecturerCheckinRoutes({ db, now, linkKey, publicUrl }: CheckinRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const base = "/activities/:activityId/checkin/sessions/:sessionId";

  const load = async (req: Request, res: Response) => {
    const actor = actorOf(res);
    authorize(actor, "checkin.manage");
    const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
    const session = await getSession(db, activity.id, idParam(req.params.sessionId));
    if (!session) throw NotFound();
    return { actor, activity, course, session, settings: await getCheckinSettings(db, session.id) };
  };

  const renderSettings = async (
    req: Request,
    res: Response,
    values: Record<string, unknown> | null,
    errors: Record<string, string>,
    status = 200,
  ) => {
    const { activity, course, session, settings } = await load(req, res);
    const statuses = (await listCheckinStatuses(db, session.setId)).filter((s) => !s.isHidden);
    const attempts = await listAttempts(db, session.id, 200);
    const names = await memberNames(
      db,
      course.id,
      attempts.flatMap((a) => (a.userId ? [a.userId] : [])),
    );
    const v = values ?? {
      isEnabled: settings?.isEnabled ? "on" : undefined,
      opensMinutesBefore: String(settings?.opensMinutesBefore ?? 10),
      closes: settings?.closesMinutesAfterStart == null ? "end" : "after_start",
      closesMinutesAfterStart: String(settings?.closesMinutesAfterStart ?? 30),
      statusMode: settings?.fixedStatusId ? "fixed" : "rules",
      fixedStatusId: String(settings?.fixedStatusId ?? ""),
      method: settings?.method ?? "rotating_qr",
      stepSeconds: String(settings?.stepSeconds ?? 10),
      password: settings?.password ?? "",
    };
    res.status(status).render("checkin/settings", {
      activityId: activity.id,
      session,
      statuses,
      values: v,
      fieldErrors: errors,
      hasSettings: Boolean(settings),
      isClosedEarly: Boolean(settings?.closedEarlyAt),
      attempts: presentAttempts(attempts, names, course.timezone, res.locals.t as T),
      saved: req.query.saved,
    });
  };

  r.get(base, withActor, (req, res) => renderSettings(req, res, null, {}));
  r.post(base, withActor, async (req, res) => {
    const parsed = sessionCheckinSchema.safeParse(req.body);
    if (!parsed.success)
      return renderSettings(req, res, bodyOf(req), fieldErrors(parsed.error, res.locals.t as T), 400);
    await saveCheckinSettings(
      db,
      actorOf(res),
      idParam(req.params.activityId),
      idParam(req.params.sessionId),
      parsed.data,
      now(),
    );
    res.redirect(303, `/activities/${req.params.activityId}/checkin/sessions/${req.params.sessionId}?saved=1`);
  });
  for (const [path, closed] of [
    ["close", true],
    ["reopen", false],
  ] as const) {
    r.post(`${base}/${path}`, withActor, async (req, res) => {
      await setCheckinClosed(
        db,
        actorOf(res),
        idParam(req.params.activityId),
        idParam(req.params.sessionId),
        closed,
        now(),
      );
      res.redirect(303, `/activities/${req.params.activityId}/checkin/sessions/${req.params.sessionId}?saved=${path}`);
    });
  }

  r.get(`${base}/projector`, withActor, async (req, res) => {
    const { activity, session, settings } = await load(req, res);
    if (!settings) throw NotFound();
    res.render("checkin/projector", {
      activityId: activity.id,
      sessionId: session.id,
      title: activity.title,
      description: session.description,
    });
  });
  r.get(`${base}/projector.json`, withActor, async (req, res) => {
    const { course, session, settings } = await load(req, res);
    if (!settings) throw NotFound();
    res
      .set("cache-control", "no-store")
      .json(await getProjectorState(db, course.id, session, settings, now(), { linkKey, publicUrl }));
  });

  const optionsPath = "/activities/:activityId/checkin/options";
  const renderOptions = async (
    req: Request,
    res: Response,
    values: Record<string, unknown> | null,
    errors: Record<string, string>,
    status = 200,
  ) => {
    authorize(actorOf(res), "checkin.manage");
    const { activity } = await requireActivity(db, actorOf(res), idParam(req.params.activityId));
    const current = await getCheckinOptions(db, activity.id);
    res.status(status).render("checkin/options", {
      activityId: activity.id,
      values: values ?? {
        allowedIpRanges: current.allowedIpRanges,
        isOneDevicePerSession: current.isOneDevicePerSession ? "on" : undefined,
      },
      fieldErrors: errors,
      saved: req.query.saved,
    });
  };
  r.get(optionsPath, withActor, (req, res) => renderOptions(req, res, null, {}));
  r.post(optionsPath, withActor, async (req, res) => {
    const parsed = checkinOptionsSchema.safeParse(req.body);
    if (!parsed.success) return renderOptions(req, res, bodyOf(req), fieldErrors(parsed.error, res.locals.t as T), 400);
    await saveCheckinOptions(db, actorOf(res), idParam(req.params.activityId), parsed.data, now());
    res.redirect(303, `/activities/${req.params.activityId}/checkin/options?saved=1`);
  });
  return r;
}
