import type { Logger } from "pino";
import { claimCalendarWork } from "../bridge/index.js";
import { syncSessionCalendar } from "../bridge/index.js";
import type { Db } from "../db/client.js";
import type { JobDefinition } from "./registry.js";

/** The queue of one session's calendar work. */
export const SESSION_CALENDAR_JOB = "bridge-session-calendar";

interface CalendarJobDeps {
  db: Db;
  encryptionKey: string;
  logger: Logger;
  now: () => Date;
}

/**
 * One job per changed session: brings its Moodle calendar events in line. When Moodle is unreachable the job
 * fails and pg-boss retries it with back-off; a refusal (missing function, permission) is recorded on the session
 * for the lecturer to see, and is not retried blindly.
 */
export function sessionCalendarJob(deps: CalendarJobDeps): JobDefinition<{ sessionId: number }> {
  return {
    name: SESSION_CALENDAR_JOB,
    retryLimit: 6,
    // sessions of one platform one after another, four platforms side by side (the dispatch groups by platform)
    concurrency: { local: 4, perGroup: 1 },
    async handle({ sessionId }) {
      const outcome = await syncSessionCalendar(deps.db, deps.encryptionKey, sessionId, deps.now());
      deps.logger.info({ sessionId, ...outcome }, "session calendar synced");
      if (outcome.problem?.isTransient) throw new Error(`Moodle unavailable for session ${sessionId}`);
    },
  };
}

/** Every minute: sends a session-calendar job for each session the attendance pages queued, grouped by platform. */
export function sessionCalendarDispatchJob(
  deps: CalendarJobDeps & {
    send: (name: string, data: object, options: { group: { id: string } }) => Promise<unknown>;
  },
): JobDefinition {
  return {
    name: "bridge-calendar-dispatch",
    cron: "* * * * *",
    retryLimit: 0,
    async handle() {
      const work = await claimCalendarWork(deps.db, deps.now());
      for (const { sessionId, platformId } of work)
        await deps.send(SESSION_CALENDAR_JOB, { sessionId }, { group: { id: platformId } });
      if (work.length > 0) deps.logger.info({ count: work.length }, "session calendar jobs sent");
    },
  };
}
