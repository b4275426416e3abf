import type { Actor } from "../../lti/actor.js";
import { NotFound } from "../../errors.js";
import { runDay } from "./run-day.js";
import type { TimelineDeps } from "./step-context.js";
import { resetStep } from "./step-store.js";
import { TIMELINE_STEPS, type TimelineStep } from "./study-day-timeline.js";

const isStep = (s: string): s is TimelineStep => (TIMELINE_STEPS as readonly string[]).includes(s);

/**
 * "Run now" and "Retry failed" on the timeline page: runs one step of the day at once, whether due or not and even
 * on a paused day; retrying first makes its failed rows pending again. Done rows are never done twice.
 */
export async function runStepNow(
  deps: TimelineDeps,
  actor: Actor,
  date: string,
  step: string,
  mode: "run" | "retry",
  now: Date,
): Promise<void> {
  if (!isStep(step)) throw NotFound("timeline.errors.bad_step");
  if (mode === "retry") await resetStep(deps.db, actor.platformId, date, step, now, "failed");
  await runDay(deps, actor.platformId, date, now, { only: step });
}
