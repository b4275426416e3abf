import { Router, type Response } from "express";
import { and, eq } from "drizzle-orm";
import { MoodleError } from "moodle-ws-client";
import { idParam } from "../http/forms.js";
import { moodleAttendanceLinks } from "../db/schema.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import type { T } from "../i18n/i18n.js";
import { bridgeProblemOf, problemText } from "./bridge-problem.js";
import type { BridgeRouteDeps } from "./connection-routes.js";
import {
  importMoodleAttendance,
  moodleFor,
  previewAttendanceImport,
  type ImportResult,
} from "./import-moodle-attendance.js";
import { listMoodleAttendances } from "./read-moodle-attendance.js";

/** An import result as the page shows it: the counts, and the marks kept because they were changed in Rollbook (results stored before those existed read as none). */
export function presentImportResult(
  r: Omit<ImportResult, "kept" | "unchanged"> & Partial<Pick<ImportResult, "kept" | "unchanged">>,
  t: T,
) {
  const kept = r.kept ?? [];
  return {
    summary: t("bridge.import.done", {
      created: r.created,
      updated: r.updated,
      marks: r.marks,
      unchanged: r.unchanged ?? 0,
    }),
    kept: kept.length
      ? t("bridge.import.kept_done", { n: kept.length, names: [...new Set(kept.map((k) => k.name))].join(", ") })
      : "",
  };
}

const numberOr = (v: unknown): number | null => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : null);

/** Renders the page with Moodle's refusal or absence as a sentence the lecturer can act on (502). */
function renderMoodleProblem(res: Response, err: unknown, activityId: number): void {
  if (!(err instanceof MoodleError)) throw err;
  const p = bridgeProblemOf(err);
  res.status(502).render("bridge/import", {
    activityId,
    attendances: [],
    preview: null,
    result: null,
    chosen: null,
    problem: problemText(res.locals.t as T, p.key, p.params),
  });
}

/** The lecturer's import from Moodle's Attendance plugin: pick an activity, see the preview, import, see the result. */
export function attendanceImportRoutes({ db, encryptionKey, now, moodleTuning }: BridgeRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const path = "/activities/:activityId/moodle-attendance/import";

  r.get(path, withActor, async (req, res) => {
    const actor = actorOf(res);
    const activityId = idParam(req.params.activityId);
    const chosen = numberOr(req.query.attendance);
    try {
      const { client, moodleCourseId, activity } = await moodleFor(db, encryptionKey, actor, activityId, moodleTuning);
      const attendances = await listMoodleAttendances(client, moodleCourseId);
      const preview =
        chosen === null
          ? null
          : (await previewAttendanceImport(db, encryptionKey, actor, activityId, chosen, moodleTuning)).plan;
      const [link] =
        chosen === null
          ? []
          : await db
              .select()
              .from(moodleAttendanceLinks)
              .where(
                and(
                  eq(moodleAttendanceLinks.activityId, activity.id),
                  eq(moodleAttendanceLinks.direction, "import"),
                  eq(moodleAttendanceLinks.moodleAttendanceId, String(chosen)),
                ),
              );
      const result =
        req.query.done && link?.lastResult
          ? presentImportResult(link.lastResult as ImportResult, res.locals.t as T)
          : null;
      res.render("bridge/import", { activityId, attendances, preview, result, chosen, problem: "" });
    } catch (err) {
      renderMoodleProblem(res, err, activityId);
    }
  });

  r.post(path, withActor, async (req, res) => {
    const activityId = idParam(req.params.activityId);
    const chosen = numberOr((req.body as Record<string, unknown>).attendance);
    if (chosen === null) return res.redirect(303, `/activities/${activityId}/moodle-attendance/import`);
    try {
      await importMoodleAttendance(db, encryptionKey, actorOf(res), activityId, chosen, now(), moodleTuning);
      res.redirect(303, `/activities/${activityId}/moodle-attendance/import?attendance=${chosen}&done=1`);
    } catch (err) {
      renderMoodleProblem(res, err, activityId);
    }
  });
  return r;
}
