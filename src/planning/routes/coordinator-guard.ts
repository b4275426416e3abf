import type { RequestHandler, Response } from "express";
import type { Db } from "../../db/client.js";
import { requireActivityActor } from "../../http/require-actor.js";
import type { Actor } from "../../lti/actor.js";

/** Lets the actor through when they are a coordinator of the platform (403 otherwise). */
export type CoordinatorCheck = (res: Response) => Promise<Actor>;

/**
 * What every coordinator page of the area runs first: the launch into the activity, then the coordinator check, so a
 * person who may not see the area gets 403 before anything in the URL or the form is looked at.
 */
export function coordinatorGuard(db: Db, now: () => Date, coordinator: CoordinatorCheck): RequestHandler[] {
  const isCoordinator: RequestHandler = async (_req, res, next) => {
    await coordinator(res);
    next();
  };
  return [requireActivityActor(db, now), isCoordinator];
}
