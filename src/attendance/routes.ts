import { Router } from "express";
import type { Db } from "../db/client.js";
import type { Lti } from "../lti/provider.js";
import { exportRoutes } from "./export/routes.js";
import { marksImportRoutes } from "./import/routes.js";
import type { AttendanceEvents, AttendancePanels } from "./ports.js";
import { registerRoutes } from "./register/routes/index.js";
import { reportRoutes } from "./report/routes.js";
import { sessionRoutes } from "./sessions/routes/index.js";
import { statusRoutes } from "./statuses/routes.js";

export interface AttendanceRouteDeps {
  db: Db;
  lti: () => Lti;
  now: () => Date;
  /** Who reacts to attendance's changes (wired in app.ts). */
  events: AttendanceEvents;
  /** What its pages show from other features (wired in app.ts). */
  panels: AttendancePanels;
}

/** Every attendance page: statuses, sessions, the register, reports, exports, imports, the student's view. */
export function attendanceRoutes(deps: AttendanceRouteDeps): Router {
  const r = Router();
  r.use(statusRoutes(deps));
  r.use(sessionRoutes(deps));
  r.use(reportRoutes(deps));
  r.use(exportRoutes(deps));
  r.use(marksImportRoutes(deps));
  r.use(registerRoutes(deps)); // grades go to Moodle from the job worker (src/jobs/attendance-grades.ts)
  return r;
}
