import { Router, type Request, type Response } from "express";
import { listMembers, requireActivity, type CourseRow } from "../activities/index.js";
import type { Actor } from "../lti/actor.js";
import { bodyOf, fieldErrors, idParam } from "../http/forms.js";
import type { Db } from "../db/client.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import type { T } from "../i18n/i18n.js";
import { createGroup, createGroupSchema } from "./create-group.js";
import { deleteGroup } from "./delete-group.js";
import { authorize } from "./policy.js";
import { listGroups } from "./queries.js";
import { setGroupMembers } from "./set-group-members.js";

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

export interface GroupRouteDeps {
  db: Db;
  now: () => Date;
  /** How the course's groups stand with Moodle's, for the page's Moodle card (bridge; wired in app.ts). */
  moodleGroupSync(db: Db, actor: Actor, course: CourseRow, t: T): Promise<unknown>;
}

/** The course groups page: make a group, choose its members, delete it. */
export function groupRoutes({ db, now, moodleGroupSync }: GroupRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const back = (req: Request) => `/activities/${req.params.activityId}/groups?saved=1`;

  const render = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const actor = actorOf(res);
    authorize(actor, "groups.manage");
    const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
    const [groups, members, moodle] = await Promise.all([
      listGroups(db, actor),
      listMembers(db, actor),
      moodleGroupSync(db, actor, course, res.locals.t as T),
    ]);
    const students = members
      .filter((m) => m.isLearner)
      .map((m) => ({ userId: m.userId, name: m.name || m.userId, isEnrolled: m.isEnrolled }));
    const views = groups.map((g) => ({
      id: g.id,
      name: g.name,
      isMoodle: g.source === "moodle",
      count: g.userIds.length,
      members: new Set(g.userIds),
    }));
    res.status(status).render("groups/index", {
      activityId: activity.id,
      groups: views,
      students,
      saved: req.query.saved,
      synced: req.query.synced,
      moodle,
      fieldErrors: {},
      values: {},
      ...extra,
    });
  };

  r.get("/activities/:activityId/groups", withActor, (req, res) => render(req, res));

  r.post("/activities/:activityId/groups", withActor, async (req, res) => {
    authorize(actorOf(res), "groups.manage");
    const parsed = createGroupSchema.safeParse(req.body);
    if (!parsed.success)
      return render(req, res, { fieldErrors: fieldErrors(parsed.error, res.locals.t as T), values: bodyOf(req) }, 400);
    await requireActivity(db, actorOf(res), idParam(req.params.activityId));
    await createGroup(db, actorOf(res), parsed.data);
    res.redirect(303, back(req));
  });

  r.post("/activities/:activityId/groups/:groupId/members", withActor, async (req, res) => {
    await setGroupMembers(
      db,
      actorOf(res),
      idParam(req.params.groupId),
      list((req.body as Record<string, unknown>).userIds),
    );
    res.redirect(303, back(req));
  });

  r.post("/activities/:activityId/groups/:groupId/delete", withActor, async (req, res) => {
    await deleteGroup(db, actorOf(res), idParam(req.params.groupId));
    res.redirect(303, back(req));
  });
  return r;
}
