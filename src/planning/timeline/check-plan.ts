import { hasJoinDetails } from "./class-message-data.js";
import { rowKey, type StepContext } from "./step-context.js";
import { needsRun, saveStep } from "./step-store.js";

const STEP = "plan";

/**
 * Steps 1-2, due at T-7: every online class has a Zoom meeting or a manual link. A class without one is failed
 * ("no meeting or link yet") and checked again with back-off, so the timeline shows what is missing until it is fixed.
 */
export async function checkPlan(ctx: StepContext): Promise<void> {
  for (const c of ctx.classes) {
    if (!needsRun(ctx.rows.get(rowKey(STEP, c.id)), ctx.now, ctx.force)) continue;
    const key = { platformId: ctx.platformId, classDate: ctx.date, step: STEP, classId: c.id };
    const outcome =
      c.state === "cancelled" || !c.isOnline
        ? ({ state: "skipped", reasonKey: c.state === "cancelled" ? "cancelled" : "on_site" } as const)
        : hasJoinDetails(c)
          ? ({ state: "done" } as const)
          : ({ state: "failed", reasonKey: "no_link" } as const);
    await saveStep(ctx.db, key, outcome, ctx.now);
  }
}
