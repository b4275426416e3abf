import { Router } from "express";
import { actorOf, requireActivityActor } from "../../../http/require-actor.js";
import { activityParams, validate } from "../../../http/validate.js";
import { getSessionsImportPage } from "../../import/import-pages.js";
import { importSessions } from "../../import/import-sessions.js";
import { uploadSchema } from "../../import/schemas.js";
import type { AttendanceRouteDeps } from "../../routes.js";

/** Importing sessions from a CSV or XLSX schedule: the form, and the import (all or nothing, with its problems). */
export function sessionsImportRoute({ db, now, events }: AttendanceRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const path = "/activities/:activityId/attendance/sessions/import";
  r.get(
    path,
    withActor,
    validate({ params: activityParams }, async ({ params }, _req, res) =>
      res.render("attendance/import", await getSessionsImportPage(db, actorOf(res), params.activityId)),
    ),
  );
  const upload = { params: activityParams, body: uploadSchema };
  r.post(
    path,
    withActor,
    validate(upload, async ({ params, body }, req, res) => {
      const result = await importSessions(db, actorOf(res), params.activityId, body.source, now(), events);
      const { problems, imported } = result;
      if (problems.length > 0)
        return res.status(400).render("attendance/import", { activityId: params.activityId, csv: body.csv, problems });
      res.redirect(303, `/activities/${req.params.activityId}/attendance/sessions?done=imported&count=${imported}`);
    }),
  );
  return r;
}
