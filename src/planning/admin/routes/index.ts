import { Router, type RequestHandler } from "express";
import type { Db } from "../../../db/client.js";
import { coordinatorGuard, type CoordinatorCheck } from "../../routes/coordinator-guard.js";
import { coordinatorRoutes } from "./coordinators.js";
import { settingsPageRoutes } from "./settings-page.js";
import { zoomHostRoutes } from "./zoom-hosts.js";

/** What each settings route gets; `guard` runs first (the launch, then coordinators only). */
export interface AdminRouteDeps {
  db: Db;
  now: () => Date;
  guard: RequestHandler[];
}

/** Coordinators' management of the study days: slots and courses, the Zoom host pool, the coordinator list. */
export function planningAdminRoutes(db: Db, now: () => Date, coordinator: CoordinatorCheck): Router {
  const deps: AdminRouteDeps = { db, now, guard: coordinatorGuard(db, now, coordinator) };
  const r = Router();
  r.use(settingsPageRoutes(deps), zoomHostRoutes(deps), coordinatorRoutes(deps));
  return r;
}
