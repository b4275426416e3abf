import { and, desc, eq } from "drizzle-orm";
import { zoomMeetingEvents } from "../../db/schema.js";
import { ZoomError } from "../zoom/zoom-errors.js";
import { countAttendees } from "./count-attendees.js";
import { getClassCourse, listClassStudents } from "./queries.js";
import { rowKey, type StepContext } from "./step-context.js";
import { needsRun, saveStep } from "./step-store.js";

const STEP = "counts";

/**
 * Steps 9-10, after the last class: each Zoom class's attendee count from Zoom's participants report (rows summed per
 * person, every page), by the instance UUID Zoom's meeting.started gave when there is one, else the meeting id (its
 * latest instance). A meeting Zoom has no report of is skipped as "not held"; a class without Zoom is skipped
 * (its lecturer gives the count). Without Zoom configured the day's row says so.
 */
export async function gatherCounts(ctx: StepContext): Promise<void> {
  const zoom = ctx.deps.zoom ?? null;
  if (!zoom) {
    if (needsRun(ctx.rows.get(rowKey(STEP, 0)), ctx.now, ctx.force))
      await saveStep(
        ctx.db,
        { platformId: ctx.platformId, classDate: ctx.date, step: STEP, classId: 0 },
        { state: "skipped", reasonKey: "no_zoom" },
        ctx.now,
      );
    return;
  }
  for (const c of ctx.classes) {
    if (!needsRun(ctx.rows.get(rowKey(STEP, c.id)), ctx.now, ctx.force)) continue;
    const key = { platformId: ctx.platformId, classDate: ctx.date, step: STEP, classId: c.id };
    if (c.state === "cancelled" || !c.isOnline || c.linkMode !== "zoom" || !c.meetingId) {
      await saveStep(
        ctx.db,
        key,
        { state: "skipped", reasonKey: c.state === "cancelled" ? "cancelled" : "no_zoom" },
        ctx.now,
      );
      continue;
    }
    const [started] = await ctx.db
      .select({ uuid: zoomMeetingEvents.meetingUuid })
      .from(zoomMeetingEvents)
      .where(and(eq(zoomMeetingEvents.meetingId, c.meetingId), eq(zoomMeetingEvents.event, "meeting.started")))
      .orderBy(desc(zoomMeetingEvents.occurredAt))
      .limit(1);
    try {
      const rows = await zoom.listParticipants(started?.uuid || c.meetingId);
      const course = await getClassCourse(ctx.db, ctx.platformId, c);
      const students = course ? await listClassStudents(ctx.db, course.id, c.groups) : [];
      await saveStep(ctx.db, key, { state: "done", result: { ...countAttendees(rows, students) } }, ctx.now);
    } catch (err) {
      if (!(err instanceof ZoomError)) throw err;
      await saveStep(
        ctx.db,
        key,
        err.kind === "not_found"
          ? { state: "skipped", reasonKey: "not_held" }
          : { state: "failed", reasonKey: "zoom_failed", reasonParams: { kind: err.kind } },
        ctx.now,
      );
    }
  }
}
