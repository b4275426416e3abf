import { Router, type RequestHandler, type Response } from "express";
import type { MoodleClientTuning } from "../../bridge/index.js";
import type { Db } from "../../db/client.js";
import { actorOf } from "../../http/require-actor.js";
import { isListedCoordinator } from "../../staff/index.js";
import { planningAdminRoutes } from "../admin/routes/index.js";
import { liveRoutes } from "../live/live-routes.js";
import { authorize } from "../policy.js";
import { publishRoutes } from "../publish/publish-routes.js";
import { briefingRoutes } from "../timeline/briefing-routes.js";
import { lecturerRoutes } from "../timeline/lecturer-routes.js";
import { timelineRoutes } from "../timeline/timeline-routes.js";
import type { ZoomClient } from "../zoom/zoom-client.js";
import { assignZoomRoute } from "./assign-zoom.js";
import { cancelClassRoutes } from "./cancel-class.js";
import { coordinatorGuard } from "./coordinator-guard.js";
import { dayPlanPdfRoute } from "./day-plan-pdf.js";
import { dayPlanRoute } from "./day-plan.js";
import { editClassRoutes } from "./edit-class.js";
import { importScheduleRoute } from "./import-schedule.js";
import { scheduleTemplateRoutes } from "./schedule-templates.js";
import { studyDaysRoute } from "./study-days.js";

export interface PlanningRouteDeps {
  db: Db;
  now: () => Date;
  /** Null when Zoom is not configured: the plan then offers manual links only. */
  zoom: ZoomClient | null;
  /** Opens the platform's stored Moodle token (publishing). */
  encryptionKey: string;
  /** Moodle client options (tests shorten timeouts). */
  moodleTuning?: MoodleClientTuning;
  /** Where lecturers' signed links point (the app's public address). */
  publicUrl?: string;
}

/** What each page of the area gets: the deps, and the guard its routes run first (launch, then coordinators only). */
export interface PlanningPageDeps extends PlanningRouteDeps {
  guard: RequestHandler[];
}

/** The study-day area: schedule import, the plan of each day, editing and cancelling classes; coordinators only. */
export function planningRoutes(deps: PlanningRouteDeps): Router {
  const { db, now } = deps;
  const r = Router();
  const coordinator = async (res: Response) => {
    const actor = actorOf(res);
    authorize(actor, "planning.coordinate", {
      isListedCoordinator: await isListedCoordinator(db, actor.platformId, actor.userId),
    });
    return actor;
  };
  const pages: PlanningPageDeps = { ...deps, guard: coordinatorGuard(db, now, coordinator) };

  r.use(studyDaysRoute(pages));
  r.use(planningAdminRoutes(db, now, coordinator));
  r.use(publishRoutes(deps, coordinator));
  r.use(timelineRoutes({ ...deps, publicUrl: deps.publicUrl ?? "" }, coordinator));
  r.use(lecturerRoutes(db, now, deps.encryptionKey));
  r.use(liveRoutes(db, now, coordinator));
  r.use(briefingRoutes(db, now, coordinator));
  r.use(scheduleTemplateRoutes(pages), importScheduleRoute(pages));
  r.use(dayPlanRoute(pages), dayPlanPdfRoute(pages), assignZoomRoute(pages));
  r.use(editClassRoutes(pages), cancelClassRoutes(pages));
  return r;
}
