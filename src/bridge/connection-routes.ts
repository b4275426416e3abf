import { Router, type Response } from "express";
import { getActivity } from "../activities/index.js";
import type { Db } from "../db/client.js";
import { AppError, NotFound } from "../errors.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import type { T } from "../i18n/i18n.js";
import type { ConnectionReport } from "./check-connection.js";
import { fieldErrors } from "./field-errors.js";
import type { MoodleClientTuning } from "./get-moodle-client.js";
import { authorize } from "./policy.js";
import { presentConnection, presentReport } from "./present.js";
import { getConnection } from "./queries.js";
import { runConnectionCheck } from "./run-connection-check.js";
import { saveConnection, saveConnectionSchema } from "./save-connection.js";

export interface BridgeRouteDeps {
  db: Db;
  encryptionKey: string;
  now: () => Date;
  /** Moodle client options (tests shorten timeouts). */
  moodleTuning?: MoodleClientTuning;
}

/** The admin's page for this platform's Moodle web services: save URL and token, check the connection. */
export function connectionRoutes({ db, encryptionKey, now, moodleTuning }: BridgeRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const path = "/activities/:activityId/admin/moodle";

  const load = async (activityId: number, res: Response) => {
    const actor = actorOf(res);
    authorize(actor, "bridge.connect");
    const activity = await getActivity(db, actor, activityId);
    if (!activity) throw NotFound();
    return { actor, activity, row: await getConnection(db, actor.platformId) };
  };

  const render = (
    res: Response,
    status: number,
    model: Awaited<ReturnType<typeof load>> & {
      values: { baseUrl: string };
      errors: Record<string, string>;
      flash?: string;
    },
  ) => {
    const report = model.row?.lastCheck
      ? presentReport(model.row.lastCheck as ConnectionReport, res.locals.t as T)
      : null;
    res.status(status).render("bridge/admin", {
      activityId: model.activity.id,
      connection: presentConnection(model.row),
      values: model.values,
      errors: model.errors,
      report,
      flash: model.flash ?? null,
    });
  };

  r.get(path, withActor, async (req, res) => {
    const model = await load(Number(req.params.activityId), res);
    const flash = req.query.saved ? "saved" : req.query.checked ? "checked" : undefined;
    render(res, 200, { ...model, values: { baseUrl: model.row?.baseUrl ?? "" }, errors: {}, flash });
  });

  r.post(path, withActor, async (req, res) => {
    const model = await load(Number(req.params.activityId), res);
    const body = req.body as Record<string, string>;
    const values = { baseUrl: body.baseUrl ?? "" };
    const parsed = saveConnectionSchema.safeParse(body);
    if (!parsed.success)
      return render(res, 400, { ...model, values, errors: fieldErrors(parsed.error.issues, res.locals.t as T) });
    try {
      await saveConnection(db, encryptionKey, model.actor.platformId, parsed.data, model.actor.userId, now());
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== "invalid") throw err;
      return render(res, 400, { ...model, values, errors: { token: (res.locals.t as T)(err.messageKey) } });
    }
    req.log.info(
      { platformId: model.actor.platformId, baseUrl: parsed.data.baseUrl, tokenChanged: parsed.data.token !== "" },
      "moodle connection saved",
    );
    res.redirect(303, `/activities/${model.activity.id}/admin/moodle?saved=1`);
  });

  r.post(`${path}/check`, withActor, async (req, res) => {
    const { actor, activity } = await load(Number(req.params.activityId), res);
    const moodleCourseId = /^\d+$/.test(actor.contextId) ? Number(actor.contextId) : null;
    const report = await runConnectionCheck(db, encryptionKey, actor.platformId, {
      moodleCourseId,
      now: now(),
      tuning: moodleTuning,
    });
    req.log.info(
      {
        platformId: actor.platformId,
        ok: report.ok,
        failure: report.failure?.code,
        missing: report.missingFunctions.map((m) => m.name),
      },
      "moodle connection checked",
    );
    res.redirect(303, `/activities/${activity.id}/admin/moodle?checked=1`);
  });

  return r;
}
