import { listLecturerReplies } from "./queries.js";
import { rowKey, type StepContext } from "./step-context.js";
import { needsRun, saveStep } from "./step-store.js";

/**
 * Step 7, on the last working day before: records the briefing's figures (classes, lecturers who confirmed or asked
 * for help, reminders and publishing that failed) for the timeline page; the briefing page (get-briefing-page.ts) shows
 * each class live.
 */
export async function recordBriefing(ctx: StepContext): Promise<void> {
  if (!needsRun(ctx.rows.get(rowKey("briefing", 0)), ctx.now, ctx.force)) return;
  const replies = [...(await listLecturerReplies(ctx.db, ctx.platformId, ctx.date)).values()];
  const failed = [...ctx.rows.values()].filter((r) => r.state === "failed" && r.step !== "briefing").length;
  const live = ctx.classes.filter((c) => c.state !== "cancelled");
  const lecturers = new Set(live.map((c) => c.lecturerEmail.trim().toLowerCase()).filter(Boolean));
  await saveStep(
    ctx.db,
    { platformId: ctx.platformId, classDate: ctx.date, step: "briefing", classId: 0 },
    {
      state: "done",
      result: {
        classes: live.length,
        lecturers: lecturers.size,
        confirmed: replies.filter((r) => r.answer === "confirmed").length,
        help: replies.filter((r) => r.answer === "help").length,
        failedSteps: failed,
      },
    },
    ctx.now,
  );
}

/** Step 8, the live day: nothing to send; the coordinators on duty follow it on the live page (the row says so). */
export function notAutomated(step: "live") {
  return async (ctx: StepContext): Promise<void> => {
    if (!needsRun(ctx.rows.get(rowKey(step, 0)), ctx.now, ctx.force)) return;
    await saveStep(
      ctx.db,
      { platformId: ctx.platformId, classDate: ctx.date, step, classId: 0 },
      { state: "skipped", reasonKey: "live_page" },
      ctx.now,
    );
  };
}
