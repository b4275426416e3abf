import { Router } from "express";
import { activityParams, id } from "../../../http/validate.js";
import { saveZoomHost } from "../save-zoom-host.js";
import { zoomHostSchema } from "../schemas.js";
import type { AdminRouteDeps } from "./index.js";
import { SETTINGS } from "./render-settings.js";
import { settingsForm } from "./settings-form.js";

const hostParams = activityParams.extend({ hostId: id });

/** POST a new Zoom host of the pool, or changes to one (its e-mail, meetings at once, whether it is used). */
export function zoomHostRoutes({ db, guard }: AdminRouteDeps) {
  const r = Router();
  const add = { params: activityParams, body: zoomHostSchema, form: () => "host-new" };
  r.post(
    `${SETTINGS}/hosts`,
    guard,
    settingsForm(db, add, (i, actor) => saveZoomHost(db, actor, i.body)),
  );
  const change = { params: hostParams, body: zoomHostSchema, form: (p: { hostId: number }) => `host-${p.hostId}` };
  r.post(
    `${SETTINGS}/hosts/:hostId`,
    guard,
    settingsForm(db, change, (i, actor) => saveZoomHost(db, actor, i.body, i.params.hostId)),
  );
  return r;
}
