import { ZoomError } from "../zoom/zoom-errors.js";
import { rowKey, type StepContext } from "./step-context.js";
import { needsRun, saveStep } from "./step-store.js";
import { markMeetingDeleted, setZoomError } from "./zoom-delete-queries.js";

const STEP = "zoom_delete";

/**
 * Runs at every pass of the timeline job (each minute, whatever the day's step times and pause): each cancelled class
 * that still has a Zoom meeting gets it deleted (a `zoom_delete` row per class). Zoom's 404 counts as deleted; a 429
 * is waited out by the client up to its Retry-After cap; a failure (429 beyond it, 5xx, timeout) is stored on the
 * row (tried again after 5 min, 10, 20 ...) and on the class's `zoomError`, where the plan shows it. A class restored
 * before its meeting went keeps it (its pending or failed row is marked skipped).
 */
export async function deleteCancelledMeetings(ctx: StepContext): Promise<number> {
  const zoom = ctx.deps.zoom;
  let deleted = 0;
  for (const c of ctx.classes) {
    const row = ctx.rows.get(rowKey(STEP, c.id));
    const key = { platformId: ctx.platformId, classDate: ctx.date, step: STEP, classId: c.id };
    if (c.state !== "cancelled") {
      if (row && (row.state === "pending" || row.state === "failed")) {
        await setZoomError(ctx.db, c.id, null);
        await saveStep(ctx.db, key, { state: "skipped", reasonKey: "restored" }, ctx.now);
      }
      continue;
    }
    if (!c.meetingId || !zoom || !needsRun(row, ctx.now, ctx.force)) continue;
    try {
      await zoom.deleteMeeting(c.meetingId).catch((err: unknown) => {
        if (!(err instanceof ZoomError && err.kind === "not_found")) throw err; // already gone at Zoom: deleted
      });
    } catch (err) {
      const kind = err instanceof ZoomError ? err.kind : "unavailable";
      await setZoomError(ctx.db, c.id, kind);
      await saveStep(ctx.db, key, { state: "failed", reasonKey: "zoom_failed", reasonParams: { kind } }, ctx.now);
      continue;
    }
    await markMeetingDeleted(ctx.db, c.id, ctx.now);
    await saveStep(ctx.db, key, { state: "done", result: { meetingId: c.meetingId } }, ctx.now);
    deleted++;
  }
  return deleted;
}
