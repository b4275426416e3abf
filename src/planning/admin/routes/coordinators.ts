import { Router } from "express";
import { z } from "zod";
import { actorOf } from "../../../http/require-actor.js";
import { activityParams, validate } from "../../../http/validate.js";
import { addCoordinator, removeCoordinator } from "../save-coordinators.js";
import { coordinatorSchema } from "../schemas.js";
import type { AdminRouteDeps } from "./index.js";
import { SETTINGS, settingsUrl } from "./render-settings.js";
import { settingsForm } from "./settings-form.js";

const personParams = activityParams.extend({ userId: z.string() });

/** POST a person onto the platform's coordinator list, or off it. */
export function coordinatorRoutes({ db, now, guard }: AdminRouteDeps) {
  const r = Router();
  const add = { params: activityParams, body: coordinatorSchema, form: () => "coordinator" };
  r.post(
    `${SETTINGS}/coordinators`,
    guard,
    settingsForm(db, add, (i, actor) => addCoordinator(db, actor, i.body, now())),
  );
  r.post(
    `${SETTINGS}/coordinators/:userId/remove`,
    guard,
    validate({ params: personParams }, async ({ params }, _req, res) => {
      await removeCoordinator(db, actorOf(res), params.userId);
      res.redirect(303, `${settingsUrl(params.activityId)}?saved=coordinator`);
    }),
  );
  return r;
}
