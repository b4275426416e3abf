import type { Logger } from "pino";
import { listActiveDays } from "./queries.js";
import { runDay } from "./run-day.js";
import type { TimelineDeps } from "./step-context.js";

/** One pass of the timeline job: every study day near `now` on every platform gets its due steps run. */
export async function runDueSteps(deps: TimelineDeps, now: Date, logger?: Pick<Logger, "warn">): Promise<number> {
  let steps = 0;
  for (const day of await listActiveDays(deps.db, now))
    steps += (await runDay(deps, day.platformId, day.classDate, now, { logger })).ran.length;
  return steps;
}
