import { Router } from "express";
import type { Db } from "../../db/client.js";
import { followupPageRoute } from "./followup-page.js";
import { ownWarningsRoute } from "./own-warnings.js";
import { studentPageRoute } from "./student-page.js";

export interface FollowupRouteDeps {
  db: Db;
  now: () => Date;
  /** Opens the platform's stored Moodle token for the list's Moodle signals. */
  encryptionKey: string;
}

/** The Follow-up page (rules and the at-risk list, its CSV/XLSX), a student's page and the student's own warnings. */
export function followupRoutes(deps: FollowupRouteDeps): Router {
  const r = Router();
  r.use(followupPageRoute(deps), studentPageRoute(deps), ownWarningsRoute(deps));
  return r;
}
