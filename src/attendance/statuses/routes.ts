import { Router, type Request, type Response } from "express";
import type { Db } from "../../db/client.js";
import { Invalid } from "../../errors.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import type { T } from "../../i18n/i18n.js";
import { addStatus } from "./add-status.js";
import { addStatusSet, addStatusSetSchema } from "./add-status-set.js";
import { changeStatus, type StatusChange } from "./change-status.js";
import { bodyOf, fieldErrors, idParam } from "../../http/forms.js";
import { authorize } from "../policy.js";
import { presentStatusSets } from "./present.js";
import { requireActivity } from "../../activities/index.js";
import { getPercentBasis, listStatusSets } from "./queries.js";
import { statusSchema } from "./schemas.js";
import { updateSettings, updateSettingsSchema } from "./update-settings.js";
import { updateStatus } from "./update-status.js";

const CHANGES: readonly StatusChange[] = ["hide", "show", "up", "down", "delete"];

/** The status sets page and its forms: edit, add, hide, reorder, delete a status; add a set; choose the percentage. */
export function statusRoutes({ db, now }: { db: Db; now: () => Date }): Router {
  const r = Router();
  const base = "/activities/:activityId/attendance/statuses";
  const withActor = requireActivityActor(db, now);

  const render = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const actor = actorOf(res);
    authorize(actor, "attendance.manage");
    const { activity } = await requireActivity(db, actor, idParam(req.params.activityId));
    const [sets, percentBasis] = await Promise.all([listStatusSets(db, activity.id), getPercentBasis(db, activity.id)]);
    res.status(status).render("attendance/statuses", {
      activityId: activity.id,
      activityTitle: activity.title,
      sets: presentStatusSets(sets, res.locals.t as T),
      percentBasis,
      saved: req.query.saved,
      formError: null,
      fieldErrors: {},
      values: {},
      ...extra,
    });
  };

  r.get(base, withActor, (req, res) => render(req, res));

  const statusForm =
    (
      save: (req: Request, res: Response, input: ReturnType<typeof statusSchema.parse>) => Promise<unknown>,
      key: string,
    ) =>
    async (req: Request, res: Response) => {
      authorize(actorOf(res), "attendance.manage");
      const parsed = statusSchema.safeParse(req.body);
      if (!parsed.success)
        return render(
          req,
          res,
          {
            formKey: `${key}-${String(req.params[key])}`,
            fieldErrors: fieldErrors(parsed.error, res.locals.t as T),
            values: bodyOf(req),
          },
          400,
        );
      await save(req, res, parsed.data);
      res.redirect(303, `/activities/${req.params.activityId}/attendance/statuses?saved=1`);
    };

  r.post(
    `${base}/:statusId`,
    withActor,
    statusForm(
      (req, res, input) =>
        updateStatus(db, actorOf(res), idParam(req.params.activityId), idParam(req.params.statusId), input, now()),
      "statusId",
    ),
  );
  r.post(
    `${base}/sets/:setId/add`,
    withActor,
    statusForm(
      (req, res, input) =>
        addStatus(db, actorOf(res), idParam(req.params.activityId), idParam(req.params.setId), input),
      "setId",
    ),
  );

  r.post(`${base}/:statusId/:change`, withActor, async (req, res) => {
    const change = CHANGES.find((c) => c === req.params.change);
    if (!change) return render(req, res, {}, 404);
    await changeStatus(db, actorOf(res), idParam(req.params.activityId), idParam(req.params.statusId), change);
    res.redirect(303, `/activities/${req.params.activityId}/attendance/statuses?saved=1`);
  });

  r.post("/activities/:activityId/attendance/sets", withActor, async (req, res) => {
    authorize(actorOf(res), "attendance.manage");
    const parsed = addStatusSetSchema.safeParse(req.body);
    if (!parsed.success)
      return render(
        req,
        res,
        { formKey: "new-set", fieldErrors: fieldErrors(parsed.error, res.locals.t as T), values: bodyOf(req) },
        400,
      );
    await addStatusSet(db, actorOf(res), idParam(req.params.activityId), parsed.data);
    res.redirect(303, `/activities/${req.params.activityId}/attendance/statuses?saved=1`);
  });

  r.post("/activities/:activityId/attendance/settings", withActor, async (req, res) => {
    authorize(actorOf(res), "attendance.manage");
    const parsed = updateSettingsSchema.safeParse(req.body);
    if (!parsed.success) throw Invalid();
    await updateSettings(db, actorOf(res), idParam(req.params.activityId), parsed.data, now());
    res.redirect(303, `/activities/${req.params.activityId}/attendance/statuses?saved=1`);
  });

  return r;
}
