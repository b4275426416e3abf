import { idParam } from "./forms.js";
import type { NextFunction, Request, Response } from "express";
import type { Db } from "../db/client.js";
import { SessionExpired, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { findActivityActor } from "./app-sessions.js";
import { setActor } from "./locale.js";

/**
 * The actor of this browser's launch into the activity in the URL. Without one the page says the session ended
 * and to open the activity again from Moodle. Nothing about the actor ever comes from the request itself.
 */
export function requireActivityActor(db: Db, now: () => Date) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const activityId = idParam(req.params.activityId);
      if (activityId < 0) throw NotFound();
      const actor = await findActivityActor(db, res.locals.browserId as string, activityId, now());
      if (!actor) throw SessionExpired();
      setActor(res, actor);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The actor set by requireActivityActor. */
export function actorOf(res: Response): Actor {
  return res.locals.actor as Actor;
}
