import { Router, type Response } from "express";
import type { Db } from "../db/client.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import type { T } from "../i18n/i18n.js";
import { exportTidy, exportWide, type CsvSink } from "./export-csv.js";
import { idParam } from "./forms.js";
import { authorize } from "./policy.js";
import { requireActivity } from "./scope.js";
import { getPercentBasis } from "./status-queries.js";

/** Writes to the response, waiting for 'drain' when the socket's buffer is full. */
function sinkOf(res: Response): CsvSink {
  return (chunk) => (res.write(chunk) ? Promise.resolve() : new Promise((resolve) => res.once("drain", () => resolve())));
}

/** CSV export (wide or tidy, `,` or `;`), streamed as it is read. */
export function exportRoutes({ db, now }: { db: Db; now: () => Date }): Router {
  const r = Router();
  r.get("/activities/:activityId/attendance/export.csv", requireActivityActor(db, now), async (req, res) => {
    const actor = actorOf(res);
    authorize(actor, "attendance.export");
    const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
    const shape = req.query.shape === "tidy" ? "tidy" : "wide";
    const dialect = { separator: req.query.sep === "semicolon" ? ";" : "," } as const;
    const x = { db, courseId: course.id, activityId: activity.id, zone: course.timezone, basis: await getPercentBasis(db, activity.id), now: now(), t: res.locals.t as T };
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="attendance-${activity.id}-${shape}.csv"`);
    try {
      await (shape === "tidy" ? exportTidy : exportWide)(x, dialect, sinkOf(res));
      res.end();
    } catch (err) {
      res.destroy(err as Error); // headers are gone: a cut-off download is the only honest answer
      throw err;
    }
  });
  return r;
}
