import type { Db } from "../db/client.js";
import { closeEndedSessions } from "../attendance/index.js";
import type { JobDefinition } from "./registry.js";

/** Every minute: closes the attendance sessions that have ended (the unmarked get their set's "unmarked at close" status). */
export function attendanceCloseSessionsJob(db: Db, now: () => Date = () => new Date()): JobDefinition {
  return {
    name: "attendance-close-sessions",
    cron: "* * * * *",
    retryLimit: 2,
    async handle() {
      await closeEndedSessions(db, now());
    },
  };
}
