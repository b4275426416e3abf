import { Router, type Request, type Response } from "express";
import type { Db } from "../../db/client.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import type { T } from "../../i18n/i18n.js";
import { csvRows, type CsvSink } from "./export-csv.js";
import { exportTidy, exportWide, type ExportContext } from "./export-rows.js";
import { xlsxRows } from "./export-xlsx.js";
import { idParam } from "../../http/forms.js";
import { authorize } from "../policy.js";
import { requireActivity } from "../../activities/index.js";
import { getPercentBasis } from "../statuses/queries.js";

/** Writes to the response, waiting for 'drain' when the socket's buffer is full. */
function sinkOf(res: Response): CsvSink {
  return (chunk) =>
    res.write(chunk) ? Promise.resolve() : new Promise((resolve) => res.once("drain", () => resolve()));
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** CSV (`,` or `;`) and XLSX exports, wide or tidy, streamed as they are read. */
export function exportRoutes({ db, now }: { db: Db; now: () => Date }): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);

  /** Authorises, sets the download headers and runs the export; a failure after the headers cuts the download off. */
  const exporting =
    (
      ext: "csv" | "xlsx",
      type: string,
      run: (x: ExportContext, shape: "wide" | "tidy", req: Request, res: Response) => Promise<void>,
    ) =>
    async (req: Request, res: Response) => {
      const actor = actorOf(res);
      authorize(actor, "attendance.export");
      const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
      const shape = req.query.shape === "tidy" ? "tidy" : "wide";
      const x = {
        db,
        courseId: course.id,
        activityId: activity.id,
        zone: course.timezone,
        basis: await getPercentBasis(db, activity.id),
        now: now(),
        t: res.locals.t as T,
      };
      res.setHeader("Content-Type", type);
      res.setHeader("Content-Disposition", `attachment; filename="attendance-${activity.id}-${shape}.${ext}"`);
      try {
        await run(x, shape, req, res);
      } catch (err) {
        res.destroy(err as Error); // headers are gone: a cut-off download is the only honest answer
        throw err;
      }
    };
  const rowsOf = (shape: "wide" | "tidy") => (shape === "tidy" ? exportTidy : exportWide);

  r.get(
    "/activities/:activityId/attendance/export.csv",
    withActor,
    exporting("csv", "text/csv; charset=utf-8", async (x, shape, req, res) => {
      await rowsOf(shape)(x, csvRows({ separator: req.query.sep === "semicolon" ? ";" : "," }, sinkOf(res)));
      res.end();
    }),
  );
  r.get(
    "/activities/:activityId/attendance/export.xlsx",
    withActor,
    exporting("xlsx", XLSX_TYPE, async (x, shape, _req, res) => {
      const book = xlsxRows(res, x.t("attendance.export.sheet"));
      await rowsOf(shape)(x, book.write);
      await book.finish(); // ends the response
    }),
  );
  return r;
}
