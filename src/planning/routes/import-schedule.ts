import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { actorOf } from "../../http/require-actor.js";
import { activityParams, validate } from "../../http/validate.js";
import { importUploadedSchedule } from "../import/import-uploaded-schedule.js";
import type { PlanningPageDeps } from "./index.js";
import { BASE, studyDaysUrl } from "./params.js";
import { renderStudyDays } from "./study-days.js";

/** The uploaded schedule (multipart field "file"); no file, or an empty one, shows the index again with a warning. */
const uploadSchema = z.object({ file: z.instanceof(Buffer).refine((f) => f.length > 0) });

/** POST a schedule file: all or nothing; its problems by row and column on the index, or back to it with the counts. */
export function importScheduleRoute(deps: PlanningPageDeps) {
  const { db, now, guard } = deps;
  const r = Router();
  const upload = {
    params: activityParams,
    body: uploadSchema,
    invalid: (req: Request, res: Response) => renderStudyDays(db, res, Number(req.params.activityId), { noFile: true }),
  };
  r.post(
    `${BASE}/import`,
    guard,
    validate(upload, async ({ params, body }, req, res) => {
      const warn = (err: unknown) =>
        req.log.warn({ err }, "schedule import: Moodle did not answer; courses not checked");
      const result = await importUploadedSchedule(deps, actorOf(res), body.file, now(), warn);
      if (!result.ok) return renderStudyDays(db, res.status(400), params.activityId, { problems: result.problems });
      const counts = `${result.created},${result.updated},${result.unchanged}`;
      res.redirect(
        303,
        `${studyDaysUrl(params.activityId)}?imported=${counts}${result.isUnchecked ? "&unchecked=1" : ""}`,
      );
    }),
  );
  return r;
}
