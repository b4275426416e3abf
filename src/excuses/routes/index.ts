import { Router } from "express";
import type { Db } from "../../db/client.js";
import { excuseFileRoute } from "./file-route.js";
import { lecturerExcuseRoutes } from "./lecturer-routes.js";
import { studentExcuseRoutes } from "./student-routes.js";

export interface ExcuseRouteDeps {
  db: Db;
  now: () => Date;
}

/** Every excuse page: the student's form and requests, the lecturer's list and decisions, the file download. */
export function excuseRoutes(deps: ExcuseRouteDeps): Router {
  const r = Router();
  r.use(studentExcuseRoutes(deps)); // before the lecturer's /excuses/:excuseId routes: "me" is not an id
  r.use(lecturerExcuseRoutes(deps));
  r.use(excuseFileRoute(deps));
  return r;
}
