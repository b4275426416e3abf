import type { Logger } from "pino";
import { runDueSteps, type TimelineDeps } from "../planning/index.js";
import type { JobDefinition } from "./registry.js";

/**
 * Every minute: each study day's steps whose time has come (plan check, reminders, publishing, briefing, cleanup).
 * The steps keep their own state per day and class, so a pass repeated does nothing twice and a pass after the
 * worker was down catches up; a failure stays on its row with a next try (no pg-boss retry needed).
 */
export function studyDayTimelineJob(
  deps: TimelineDeps,
  logger: Logger,
  now: () => Date = () => new Date(),
): JobDefinition {
  return {
    name: "study-day-timeline",
    cron: "* * * * *",
    retryLimit: 0,
    async handle() {
      await runDueSteps(deps, now(), logger);
    },
  };
}
