import { Router } from "express";
import type { Db } from "../db/client.js";
import { connectionRoutes } from "./connection-routes.js";
import type { MoodleClientTuning } from "./get-moodle-client.js";
import { attendanceExportRoutes } from "./attendance-export-routes.js";
import { attendanceImportRoutes } from "./attendance-import-routes.js";
import { calendarRoutes } from "./calendar-routes.js";
import { groupsSyncRoutes } from "./groups-sync-routes.js";
import { messageRoutes } from "./message-routes.js";

export interface BridgeRouteDeps {
  db: Db;
  encryptionKey: string;
  now: () => Date;
  /** Moodle client options (tests shorten timeouts). */
  moodleTuning?: MoodleClientTuning;
}

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
