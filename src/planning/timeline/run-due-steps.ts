import type { Logger } from "pino";
import { eachPlatformSideBySide } from "../../ops/per-platform.js";
import { listActiveDays } from "./queries.js";
import { runDay } from "./run-day.js";
import type { TimelineDeps } from "./step-context.js";

/**
 * One pass of the timeline job: every study day near `now` on every platform gets its due steps run. Each
 * platform's days run one after another and the platforms side by side, so one college's Moodle or Zoom that does
 * not answer delays only that college's steps.
 */
export async function runDueSteps(deps: TimelineDeps, now: Date, logger?: Pick<Logger, "warn">): Promise<number> {
  let steps = 0;
  const lanes = await eachPlatformSideBySide(
    await listActiveDays(deps.db, now),
    (day) => day.platformId,
    async (day) => {
      steps += (await runDay(deps, day.platformId, day.classDate, now, { logger })).ran.length;
    },
  );
  for (const lane of lanes)
    if (lane.error) logger?.warn({ err: lane.error, platformId: lane.platformId }, "study-day steps stopped");
  return steps;
}
