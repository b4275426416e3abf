import { idParam } from "../http/forms.js";
import { Router } from "express";
import type { Db } from "../db/client.js";
import { NotFound } from "../errors.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import type { Lti } from "../lti/provider.js";
import { syncRoster } from "../roster/index.js";
import { authorize } from "./policy.js";
import { presentLecturerHome } from "./present.js";
import { getActivity, getCourse, listMembers, type CourseRow } from "./queries.js";
import type { Actor } from "../lti/actor.js";

export interface ActivityRouteDeps {
  db: Db;
  lti: () => Lti;
  now: () => Date;
  /** The study-day classes coming up in this course, for the lecturer's home (planning; wired in app.ts). */
  upcomingClasses(db: Db, actor: Actor, course: CourseRow, now: Date): Promise<unknown[]>;
}

/** The activity's pages: the lecturer's home and an on-demand roster refresh (the student's view is attendance's /me). */
export function activityRoutes({ db, lti, now, upcomingClasses }: ActivityRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);

  const load = async (actorId: number, res: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(res);
    const [activity, course] = await Promise.all([getActivity(db, actor, actorId), getCourse(db, actor)]);
    if (!activity || !course) throw NotFound();
    return { actor, activity, course };
  };

  r.get("/activities/:activityId", withActor, async (req, res) => {
    const { actor, activity, course } = await load(idParam(req.params.activityId), res);
    authorize(actor, "activity.manage");
    const members = await listMembers(db, actor);
    const upcoming = await upcomingClasses(db, actor, course, now());
    res.render("activities/lecturer-home", {
      ...presentLecturerHome(actor, course, activity, members),
      refreshed: req.query.refreshed,
      upcoming,
    });
  });

  r.post("/activities/:activityId/roster/refresh", withActor, async (req, res) => {
    const { actor, activity, course } = await load(idParam(req.params.activityId), res);
    authorize(actor, "roster.refresh");
    const result = await syncRoster(db, lti(), { issuer: actor.issuer, clientId: actor.clientId }, course, now());
    res.redirect(303, `/activities/${activity.id}?refreshed=${result.enrolled}`);
  });

  return r;
}
