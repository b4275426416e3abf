import { Router } from "express";
import { z } from "zod";
import { activityParams, validate } from "../../../http/validate.js";
import { shown } from "../../routes/params.js";
import { savePlanningSettings } from "../save-planning-settings.js";
import { planningSettingsSchema } from "../schemas.js";
import type { AdminRouteDeps } from "./index.js";
import { renderSettings, SETTINGS } from "./render-settings.js";
import { settingsForm } from "./settings-form.js";

/** GET the settings page and POST its settings form (slots, zone, staff course, information course). */
export function settingsPageRoutes({ db, now, guard }: AdminRouteDeps) {
  const r = Router();
  r.get(
    SETTINGS,
    guard,
    validate({ params: activityParams, query: z.object({ saved: shown }) }, ({ params, query }, _req, res) =>
      renderSettings(db, res, params.activityId, { notice: query.saved }),
    ),
  );
  const settings = { params: activityParams, body: planningSettingsSchema, form: () => "settings" };
  r.post(
    SETTINGS,
    guard,
    settingsForm(db, settings, (i, actor) => savePlanningSettings(db, actor, i.body, now())),
  );
  return r;
}
