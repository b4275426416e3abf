import { Router } from "express";
import { lecturerCheckinRoutes } from "./lecturer-routes.js";
import { studentCheckinRoutes, type CheckinRouteDeps } from "./student-routes.js";

export type { CheckinRouteDeps };

/** Every self check-in page: the lecturer's settings, projector and log; the student's scan link and code form. */
export function checkinRoutes(deps: CheckinRouteDeps): Router {
  const r = Router();
  r.use(studentCheckinRoutes(deps));
  r.use(lecturerCheckinRoutes(deps));
  return r;
}
