import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { requireActivity } from "../../activities/index.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { activityParams, id, saveForm, validate, type FormFailure } from "../../http/validate.js";
import type { T } from "../../i18n/i18n.js";
import { authorize } from "../policy.js";
import type { AttendanceRouteDeps } from "../routes.js";
import { addStatus } from "./add-status.js";
import { addStatusSet, addStatusSetSchema } from "./add-status-set.js";
import { changeStatus } from "./change-status.js";
import { presentStatusSets } from "./present.js";
import { getPercentBasis, listStatusSets } from "./queries.js";
import { statusSchema } from "./schemas.js";
import { updateSettings, updateSettingsSchema } from "./update-settings.js";
import { updateStatus } from "./update-status.js";

const statusParams = activityParams.extend({ statusId: id });
const setParams = activityParams.extend({ setId: id });
const changeParams = statusParams.extend({ change: z.enum(["hide", "show", "up", "down", "delete"]) });
const back = (req: Request) => `/activities/${req.params.activityId}/attendance/statuses?saved=1`;

/** The status sets page and its forms: edit, add, hide, reorder, delete a status; add a set; choose the percentage. */
export function statusRoutes({ db, now }: Pick<AttendanceRouteDeps, "db" | "now">): Router {
  const r = Router();
  const base = "/activities/:activityId/attendance";
  const withActor = requireActivityActor(db, now);

  /** The page; after a refused form, that form open with its messages and the values typed. */
  const render = async (req: Request, res: Response, failure?: FormFailure & { formKey: string }) => {
    const actor = actorOf(res);
    authorize(actor, "attendance.manage");
    const { activity } = await requireActivity(db, actor, activityParams.parse(req.params).activityId);
    const [sets, percentBasis] = await Promise.all([listStatusSets(db, activity.id), getPercentBasis(db, activity.id)]);
    res.render("attendance/statuses", {
      ...{ activityId: activity.id, activityTitle: activity.title, percentBasis, saved: req.query.saved },
      ...{ sets: presentStatusSets(sets, res.locals.t as T), formError: null, fieldErrors: {}, values: {} },
      ...failure,
    });
  };
  const reopen = (key: "statusId" | "setId" | "new-set") => (req: Request, res: Response, f: FormFailure) =>
    render(req, res, { ...f, formKey: key === "new-set" ? key : `${key}-${String(req.params[key])}` });
  const show = validate({ params: activityParams }, (_input, req, res) => render(req, res));

  r.get(`${base}/statuses`, withActor, show);
  const edit = { params: statusParams, body: statusSchema, invalid: reopen("statusId") };
  r.post(
    `${base}/statuses/:statusId`,
    withActor,
    saveForm(edit, (i, a) => updateStatus(db, a, i.params.activityId, i.params.statusId, i.body, now()), back),
  );
  const add = { params: setParams, body: statusSchema, invalid: reopen("setId") };
  r.post(
    `${base}/statuses/sets/:setId/add`,
    withActor,
    saveForm(add, (i, a) => addStatus(db, a, i.params.activityId, i.params.setId, i.body), back),
  );
  const change = { params: changeParams };
  r.post(
    `${base}/statuses/:statusId/:change`,
    withActor,
    saveForm(change, (i, a) => changeStatus(db, a, i.params.activityId, i.params.statusId, i.params.change), back),
  );
  const newSet = { params: activityParams, body: addStatusSetSchema, invalid: reopen("new-set") };
  r.post(
    `${base}/sets`,
    withActor,
    saveForm(newSet, (i, a) => addStatusSet(db, a, i.params.activityId, i.body), back),
  );
  const settings = { params: activityParams, body: updateSettingsSchema };
  r.post(
    `${base}/settings`,
    withActor,
    saveForm(settings, (i, a) => updateSettings(db, a, i.params.activityId, i.body, now()), back),
  );
  return r;
}
