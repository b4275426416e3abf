import { Router } from "express";
import { NotFound } from "../../errors.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { validate } from "../../http/validate.js";
import { getManagedSession } from "../get-settings-page.js";
import { getProjectorState } from "../projector-state.js";
import { sessionParams } from "../schemas.js";
import type { CheckinRouteDeps } from "./deps.js";

const BASE = "/activities/:activityId/checkin/sessions/:sessionId/projector";

/** The projector page and the state it polls (the rotating QR, the live count). */
export function projectorRoutes({ db, now, linkKey, publicUrl }: CheckinRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const managed = async (res: Parameters<typeof actorOf>[0], p: { activityId: number; sessionId: number }) => {
    const m = await getManagedSession(db, actorOf(res), p.activityId, p.sessionId);
    if (!m.settings) throw NotFound();
    return { ...m, settings: m.settings };
  };
  r.get(
    BASE,
    withActor,
    validate({ params: sessionParams }, async ({ params }, _req, res) => {
      const { activity, session } = await managed(res, params);
      res.render("checkin/projector", {
        activityId: activity.id,
        sessionId: session.id,
        title: activity.title,
        description: session.description,
      });
    }),
  );
  r.get(
    `${BASE}.json`,
    withActor,
    validate({ params: sessionParams }, async ({ params }, _req, res) => {
      const { course, session, settings } = await managed(res, params);
      const state = await getProjectorState(db, course.id, session, settings, now(), { linkKey, publicUrl });
      res.set("cache-control", "no-store").json(state);
    }),
  );
  return r;
}
