import { Router } from "express";
import { codeFormRoutes } from "./code-form.js";
import type { CheckinRouteDeps } from "./deps.js";
import { optionsRoutes } from "./options.js";
import { pendingCheckinRoute } from "./pending.js";
import { projectorRoutes } from "./projector.js";
import { scanLinkRoute } from "./scan-link.js";
import { sessionSettingsRoutes } from "./session-settings.js";

export type { CheckinRouteDeps };

/** Every self check-in page: the student's scan link, pending check-in and code form; the lecturer's settings, projector and options. */
export function checkinRoutes(deps: CheckinRouteDeps): Router {
  const r = Router();
  // While the database is unreachable, a student who scanned is told to scan again in a moment.
  r.use(["/c/", "/activities/:activityId/me/checkin/"], (_req, res, next) => {
    res.locals.outageMessage = "errors.unavailable_checkin";
    next();
  });
  r.use(
    scanLinkRoute(deps),
    pendingCheckinRoute(deps),
    codeFormRoutes(deps),
    sessionSettingsRoutes(deps),
    projectorRoutes(deps),
    optionsRoutes(deps),
  );
  return r;
}
