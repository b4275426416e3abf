import { Router } from "express";
import { connectionRoutes, type BridgeRouteDeps } from "./connection-routes.js";
import { attendanceExportRoutes } from "./attendance-export-routes.js";
import { attendanceImportRoutes } from "./attendance-import-routes.js";
import { calendarRoutes } from "./calendar-routes.js";
import { groupsSyncRoutes } from "./groups-sync-routes.js";
import { messageRoutes } from "./message-routes.js";

export type { BridgeRouteDeps } from "./connection-routes.js";

/** Every page of the Moodle bridge: the admin's connection page, the lecturer's messages, group sync. */
export function bridgeRoutes(deps: BridgeRouteDeps): Router {
  return Router().use(
    connectionRoutes(deps),
    messageRoutes(deps),
    groupsSyncRoutes(deps),
    calendarRoutes(deps),
    attendanceImportRoutes(deps),
    attendanceExportRoutes(deps),
  );
}
