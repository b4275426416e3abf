import { Router } from "express";
import type { Db } from "../../db/client.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { activityParams, validate } from "../../http/validate.js";
import { getMarksImportPage } from "./import-pages.js";
import { importMarks } from "./import-marks.js";
import { marksImportQuerySchema, uploadSchema } from "./schemas.js";

/** Importing marks from a CSV or XLSX file in the tidy export's shape (all or nothing, with a per-row report). */
export function marksImportRoutes({ db, now }: { db: Db; now: () => Date }): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const path = "/activities/:activityId/attendance/marks/import";
  const page = { params: activityParams, query: marksImportQuerySchema };
  r.get(
    path,
    withActor,
    validate(page, async ({ params, query }, _req, res) =>
      res.render(
        "attendance/marks-import",
        await getMarksImportPage(db, actorOf(res), params.activityId, query.imported),
      ),
    ),
  );
  const upload = { params: activityParams, body: uploadSchema };
  r.post(
    path,
    withActor,
    validate(upload, async ({ params, body }, req, res) => {
      const { problems, imported } = await importMarks(db, actorOf(res), params.activityId, body.source, now());
      if (problems.length > 0)
        return res
          .status(400)
          .render("attendance/marks-import", { activityId: params.activityId, problems, imported: null });
      res.redirect(303, `/activities/${req.params.activityId}/attendance/marks/import?imported=${imported}`);
    }),
  );
  return r;
}
