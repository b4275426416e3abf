import { ZoomError } from "../zoom/zoom-errors.js";
import type { StepContext } from "./step-context.js";

/**
 * Cleanup's optional deletion of the day's Zoom meetings (timeline_settings.cleanup_deletes_meetings, off by
 * default). Zoom's 404 counts as deleted, so a retried cleanup goes through the meetings already gone. The meeting
 * ids stay in study_classes (the participants reports were read at T+8 h). Answers how many went, or the failure.
 */
export async function deleteDayMeetings(ctx: StepContext): Promise<{ deleted: number } | { failed: string }> {
  const zoom = ctx.deps.zoom;
  const ids = ctx.classes.map((c) => c.meetingId).filter((id): id is string => Boolean(id));
  if (ids.length === 0) return { deleted: 0 };
  if (!zoom) return { failed: "auth" };
  let deleted = 0;
  for (const id of ids) {
    try {
      await zoom.deleteMeeting(id);
      deleted++;
    } catch (err) {
      if (err instanceof ZoomError && err.kind === "not_found") continue; // already gone
      return { failed: err instanceof ZoomError ? err.kind : "unavailable" };
    }
  }
  return { deleted };
}
