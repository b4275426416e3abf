import { Router } from "express";
import type { AttendanceRouteDeps } from "../../routes.js";
import { duplicateSessionRoute } from "./duplicate-session.js";
import { saveSessionRoute } from "./save-session.js";
import { sessionFormRoute } from "./session-form.js";
import { sessionsImportRoute } from "./sessions-import.js";
import { sessionsListRoute } from "./sessions-list.js";

/** The sessions list (day/week/month/all), the new/edit form (single or weekly repeat), import, duplicate, bulk changes. */
export function sessionRoutes(deps: AttendanceRouteDeps): Router {
  const r = Router();
  r.use(
    sessionsListRoute(deps),
    sessionsImportRoute(deps),
    sessionFormRoute(deps),
    saveSessionRoute(deps),
    duplicateSessionRoute(deps),
  );
  return r;
}
