import { Router, type Response } from "express";
import { MoodleError } from "moodle-ws-client";
import { z } from "zod";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import { activityParams, validate } from "../http/validate.js";
import type { T } from "../i18n/i18n.js";
import { bridgeProblemOf, problemText } from "./bridge-problem.js";
import type { BridgeRouteDeps } from "./routes.js";
import { getImportPage } from "./get-import-page.js";
import { importMoodleAttendance } from "./import-moodle-attendance.js";

/** A Moodle Attendance activity's id as the page sends it; anything else is "none chosen". */
const chosenId = z.coerce.number().int().min(1).max(999_999_999).optional().catch(undefined);
const pageQuery = z.object({ attendance: chosenId, done: z.string().optional() });
const importBody = z.object({ attendance: chosenId });

/** Renders the page with Moodle's refusal or absence as a sentence the lecturer can act on (502). */
function renderMoodleProblem(res: Response, err: unknown, activityId: number): void {
  if (!(err instanceof MoodleError)) throw err;
  const p = bridgeProblemOf(err);
  const problem = problemText(res.locals.t as T, p.key, p.params);
  res
    .status(502)
    .render("bridge/import", { activityId, attendances: [], preview: null, result: null, chosen: null, problem });
}

/** The lecturer's import from Moodle's Attendance plugin: pick an activity, see the preview, import, see the result. */
export function attendanceImportRoutes(deps: BridgeRouteDeps): Router {
  const { db, encryptionKey, now, moodleTuning } = deps;
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const path = "/activities/:activityId/moodle-attendance/import";

  r.get(
    path,
    withActor,
    validate({ params: activityParams, query: pageQuery }, async ({ params, query }, _req, res) => {
      const chosen = query.attendance ?? null;
      const t = res.locals.t as T;
      const page = await getImportPage(deps, actorOf(res), params.activityId, chosen, Boolean(query.done), t).catch(
        (err: unknown) => renderMoodleProblem(res, err, params.activityId),
      );
      if (page) res.render("bridge/import", page);
    }),
  );
  r.post(
    path,
    withActor,
    validate({ params: activityParams, body: importBody }, async ({ params, body }, _req, res) => {
      const back = `/activities/${params.activityId}/moodle-attendance/import`;
      if (body.attendance === undefined) return res.redirect(303, back);
      try {
        await importMoodleAttendance(
          db,
          encryptionKey,
          actorOf(res),
          params.activityId,
          body.attendance,
          now(),
          moodleTuning,
        );
        res.redirect(303, `${back}?attendance=${body.attendance}&done=1`);
      } catch (err) {
        renderMoodleProblem(res, err, params.activityId);
      }
    }),
  );
  return r;
}
