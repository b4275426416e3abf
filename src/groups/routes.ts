import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { listMembers, requireActivity, type CourseRow } from "../activities/index.js";
import type { Db } from "../db/client.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import { activityParams, id, saveForm, validate, type FormFailure } from "../http/validate.js";
import type { T } from "../i18n/i18n.js";
import type { Actor } from "../lti/actor.js";
import { createGroup, createGroupSchema } from "./create-group.js";
import { deleteGroup } from "./delete-group.js";
import { authorize } from "./policy.js";
import { presentGroupsPage } from "./present.js";
import { listGroups } from "./queries.js";
import { setGroupMembers } from "./set-group-members.js";

export interface GroupRouteDeps {
  db: Db;
  now: () => Date;
  /** How the course's groups stand with Moodle's, for the page's Moodle card (bridge; wired in app.ts). */
  moodleGroupSync(db: Db, actor: Actor, course: CourseRow, t: T): Promise<unknown>;
}

const groupParams = activityParams.extend({ groupId: id });
const membersBody = z.object({ userIds: z.union([z.string(), z.array(z.string())]).default([]) });
const back = (req: Request) => `/activities/${req.params.activityId}/groups?saved=1`;

/** The course groups page: make a group, choose its members, delete it. */
export function groupRoutes({ db, now, moodleGroupSync }: GroupRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const base = "/activities/:activityId/groups";

  const render = async (req: Request, res: Response, failure?: FormFailure) => {
    const actor = actorOf(res);
    authorize(actor, "groups.manage");
    const { activity, course } = await requireActivity(db, actor, Number(req.params.activityId));
    const [groups, members, moodle] = await Promise.all([
      listGroups(db, actor),
      listMembers(db, actor),
      moodleGroupSync(db, actor, course, res.locals.t as T),
    ]);
    res.render("groups/index", {
      ...{ activityId: activity.id, ...presentGroupsPage(groups, members), moodle },
      ...{ saved: req.query.saved, synced: req.query.synced, fieldErrors: {}, values: {} },
      ...failure,
    });
  };

  r.get(
    base,
    withActor,
    validate({ params: activityParams }, (_input, req, res) => render(req, res)),
  );
  const create = { params: activityParams, body: createGroupSchema, invalid: render };
  r.post(
    base,
    withActor,
    saveForm(
      create,
      async (i, a) => {
        await requireActivity(db, a, i.params.activityId); // the group is the course's: the activity must be too
        return createGroup(db, a, i.body);
      },
      back,
    ),
  );
  const members = { params: groupParams, body: membersBody };
  r.post(
    `${base}/:groupId/members`,
    withActor,
    saveForm(members, (i, a) => setGroupMembers(db, a, i.params.groupId, [i.body.userIds].flat()), back),
  );
  r.post(
    `${base}/:groupId/delete`,
    withActor,
    saveForm({ params: groupParams }, (i, a) => deleteGroup(db, a, i.params.groupId), back),
  );
  return r;
}
