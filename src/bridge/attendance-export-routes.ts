import { Router, type Response } from "express";
import { MoodleError } from "moodle-ws-client";
import { idParam } from "../http/forms.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import type { T } from "../i18n/i18n.js";
import { bridgeProblemOf, problemText } from "./bridge-problem.js";
import type { BridgeRouteDeps } from "./routes.js";
import { exportToMoodleAttendance, listExportLinks } from "./export-to-moodle-attendance.js";
import { moodleFor } from "./import-moodle-attendance.js";
import { listMoodleAttendances } from "./read-moodle-attendance.js";
import type { ExportResult } from "./run-attendance-export.js";

/** An export result as the page shows it: the counts, what could not be sent, and why a run stopped. */
export function presentExportResult(r: ExportResult, t: T) {
  return {
    summary: t("bridge.export.done", {
      added: r.added + r.adopted,
      removed: r.removed,
      marks: r.marks,
      unchanged: r.unchanged,
    }),
    problems: r.problems.map((p) => t(`bridge.export.problem.${p.key}`, p.params)),
    failure: r.failure ? problemText(t, r.failure.key, r.failure.params) : "",
  };
}

function renderProblem(res: Response, err: unknown, activityId: number): void {
  if (!(err instanceof MoodleError)) throw err;
  const p = bridgeProblemOf(err);
  res.status(502).render("bridge/export", {
    activityId,
    attendances: [],
    links: [],
    problem: problemText(res.locals.t as T, p.key, p.params),
  });
}

/** The lecturer's export to Moodle's Attendance plugin: choose the target, push now, see each link's last result. */
export function attendanceExportRoutes({ db, encryptionKey, now, moodleTuning }: BridgeRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const path = "/activities/:activityId/moodle-attendance/export";

  r.get(path, withActor, async (req, res) => {
    const activityId = idParam(req.params.activityId);
    try {
      const { client, moodleCourseId, activity } = await moodleFor(
        db,
        encryptionKey,
        actorOf(res),
        activityId,
        moodleTuning,
      );
      const attendances = await listMoodleAttendances(client, moodleCourseId);
      const links = (await listExportLinks(db, activity.id)).map((l) => ({
        name: attendances.find((a) => String(a.attendanceId) === l.moodleAttendanceId)?.name ?? l.moodleAttendanceId,
        attendanceId: l.moodleAttendanceId,
        result: l.lastResult ? presentExportResult(l.lastResult as ExportResult, res.locals.t as T) : null,
      }));
      res.render("bridge/export", { activityId, attendances, links, problem: "" });
    } catch (err) {
      renderProblem(res, err, activityId);
    }
  });

  r.post(path, withActor, async (req, res) => {
    const activityId = idParam(req.params.activityId);
    const raw = String((req.body as Record<string, unknown>).attendance ?? "");
    if (!/^\d{1,9}$/.test(raw)) return res.redirect(303, `/activities/${activityId}/moodle-attendance/export`);
    try {
      await exportToMoodleAttendance(db, encryptionKey, actorOf(res), activityId, Number(raw), now(), moodleTuning);
      res.redirect(303, `/activities/${activityId}/moodle-attendance/export`);
    } catch (err) {
      renderProblem(res, err, activityId);
    }
  });
  return r;
}
