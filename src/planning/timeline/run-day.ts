import type { Logger } from "pino";
import { listDayClasses } from "../queries.js";
import { checkPlan } from "./check-plan.js";
import { gatherCounts } from "./gather-counts.js";
import { cleanupDay } from "./cleanup-day.js";
import { deleteCancelledMeetings } from "./delete-cancelled-meetings.js";
import { notAutomated, recordBriefing } from "./day-steps.js";
import { publishStep } from "./publish-step.js";
import { getTimelineConfig, isDayPaused, listStepRows } from "./queries.js";
import { sendLecturerReminders } from "./send-lecturer-reminders.js";
import { sendStudentReminders } from "./send-student-reminders.js";
import { rowKey, type StepContext, type TimelineDeps } from "./step-context.js";
import { studyDayTimeline, TIMELINE_STEPS, type TimelineStep } from "./study-day-timeline.js";

/** Which command does each step. */
export const STEP_RUNNERS: Record<TimelineStep, (ctx: StepContext) => Promise<void>> = {
  plan: checkPlan,
  lecturer_reminders: sendLecturerReminders,
  student_reminders: sendStudentReminders,
  publish: publishStep,
  briefing: recordBriefing,
  live: notAutomated("live"),
  counts: gatherCounts,
  cleanup: cleanupDay,
};

export interface RunDayOptions {
  /** Run only this step, due or not ("run now" on the timeline page). */
  only?: TimelineStep;
  logger?: Pick<Logger, "warn">;
}

/**
 * Runs every step of one study day whose time has come (in order), or one step on demand. Each step looks at its own
 * rows and does only what is not done yet, so a pass repeated does nothing twice, and a pass after the worker was
 * down does every step it missed. A paused day runs nothing by itself; a step that throws is logged and the others go on.
 */
export async function runDay(
  deps: TimelineDeps,
  platformId: string,
  date: string,
  now: Date,
  opts: RunDayOptions = {},
) {
  const { db } = deps;
  const classes = await listDayClasses(db, platformId, date);
  if (classes.length === 0) return { ran: [] as TimelineStep[] };
  if (!opts.only) await deleteMeetings(deps, platformId, date, now, classes, opts.logger);
  if (!opts.only && (await isDayPaused(db, platformId, date))) return { ran: [] as TimelineStep[] };
  const config = await getTimelineConfig(db, platformId, date);
  const timeline = studyDayTimeline(
    {
      date,
      firstStart: new Date(Math.min(...classes.map((c) => c.startsAt.getTime()))),
      lastEnd: new Date(Math.max(...classes.map((c) => c.endsAt.getTime()))),
    },
    config.settings,
    config.holidays,
    config.zone,
  );
  const ran: TimelineStep[] = [];
  for (const step of TIMELINE_STEPS) {
    if (opts.only ? step !== opts.only : timeline[step] > now) continue;
    const rows = new Map((await listStepRows(db, platformId, date)).map((r) => [rowKey(r.step, r.classId), r]));
    const ctx: StepContext = {
      deps,
      db,
      platformId,
      date,
      zone: config.zone,
      now,
      classes,
      rows,
      force: Boolean(opts.only),
    };
    try {
      await STEP_RUNNERS[step](ctx);
      ran.push(step);
    } catch (err) {
      opts.logger?.warn({ err, platformId, date, step }, "timeline step failed; it runs again at the next pass");
    }
  }
  return { ran, timeline };
}

/** A cancelled class's Zoom meeting goes at the first pass after the cancelling, paused day or not. */
async function deleteMeetings(
  deps: TimelineDeps,
  platformId: string,
  date: string,
  now: Date,
  classes: StepContext["classes"],
  logger?: Pick<Logger, "warn">,
): Promise<void> {
  if (!deps.zoom || !classes.some((c) => c.state === "cancelled" || c.meetingId)) return;
  const rows = new Map((await listStepRows(deps.db, platformId, date)).map((r) => [rowKey(r.step, r.classId), r]));
  const ctx = { deps, db: deps.db, platformId, date, zone: "", now, classes, rows, force: false };
  await deleteCancelledMeetings(ctx).catch((err: unknown) =>
    logger?.warn({ err, platformId, date }, "deleting cancelled classes' Zoom meetings failed"),
  );
}
