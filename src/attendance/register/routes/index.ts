import { Router } from "express";
import type { AttendanceRouteDeps } from "../../routes.js";
import { markHistoryPageRoute } from "./mark-history-page.js";
import { registerPageRoute } from "./register-page.js";
import { saveMarksRoute } from "./save-marks.js";

export { REGISTER_MARKS } from "./save-marks.js";

/** A session's register: the page, a student's mark history, saving marks, "set all unmarked to" and closing it. */
export function registerRoutes(deps: AttendanceRouteDeps): Router {
  const r = Router();
  r.use(registerPageRoute(deps), markHistoryPageRoute(deps), saveMarksRoute(deps));
  return r;
}
