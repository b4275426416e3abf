import { Router } from "express";
import type { Db } from "../../db/client.js";
import { openMessageRoute } from "./open-message.js";
import { outboxPageRoute } from "./outbox-page.js";
import { retryMessageRoute } from "./retry-message.js";
import { unsubscribeRoute } from "./unsubscribe.js";

export interface NotifyRouteDeps {
  db: Db;
  now: () => Date;
  toolName: string;
  /** Checks the unsubscribe links' signatures (the app key). */
  linkKey: string;
}

/** The outbox pages (coordinators, admins, lecturers) and the unsubscribe link. */
export function notifyRoutes(deps: NotifyRouteDeps): Router {
  const r = Router();
  r.use(outboxPageRoute(deps), openMessageRoute(deps), retryMessageRoute(deps), unsubscribeRoute(deps));
  return r;
}
