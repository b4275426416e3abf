import type { Request, Response } from "express";
import type { Db } from "../db/client.js";
import { moveUserSessions } from "../http/app-sessions.js";
import { issueBrowserId, readBrowserId, type BrowserIdConfig } from "../http/browser-id.js";
import type { Actor } from "../lti/actor.js";
import { movePendingCheckins } from "../checkin/index.js";

/**
 * Every verified launch gets a fresh browser id, so a cookie planted before the launch never becomes the
 * launcher's session (session fixation). What the browser held under its previous, server-issued id follows:
 * the same person's other sessions, and scans waiting for this launch; another person's sessions do not.
 */
export async function renewBrowserId(
  db: Db,
  req: Request,
  res: Response,
  config: BrowserIdConfig,
  actor: Pick<Actor, "platformId" | "userId">,
): Promise<string> {
  const previous = readBrowserId(req, config);
  const next = issueBrowserId(req, res, config);
  if (previous) {
    await moveUserSessions(db, previous, next, actor);
    await movePendingCheckins(db, previous, next);
  }
  return next;
}
