import { Router } from "express";
import type { Db } from "../../db/client.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { idParam } from "../../http/forms.js";
import { importMarks } from "./import-marks.js";
import { authorize } from "../policy.js";
import { requireActivity } from "../../activities/index.js";

/** Importing marks from a CSV or XLSX file in the tidy export's shape (all or nothing, with a per-row report). */
export function marksImportRoutes({ db, now }: { db: Db; now: () => Date }): Router {
  const r = Router();
  const path = "/activities/:activityId/attendance/marks/import";
  r.get(path, requireActivityActor(db, now), async (req, res) => {
    authorize(actorOf(res), "attendance.take");
    const { activity } = await requireActivity(db, actorOf(res), idParam(req.params.activityId));
    res.render("attendance/marks-import", {
      activityId: activity.id,
      problems: [],
      imported: typeof req.query.imported === "string" ? Number(req.query.imported) : null,
    });
  });
  r.post(path, requireActivityActor(db, now), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const source =
      Buffer.isBuffer(body.file) && body.file.length > 0 ? { bytes: body.file } : { text: String(body.csv ?? "") };
    const result = await importMarks(db, actorOf(res), idParam(req.params.activityId), source, now());
    if (result.problems.length > 0)
      return res.status(400).render("attendance/marks-import", {
        activityId: idParam(req.params.activityId),
        problems: result.problems,
        imported: null,
      });
    res.redirect(303, `/activities/${req.params.activityId}/attendance/marks/import?imported=${result.imported}`);
  });
  return r;
}
