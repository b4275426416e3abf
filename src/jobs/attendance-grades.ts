import type { Db } from "../db/client.js";
import type { Lti } from "../lti/provider.js";
import { drainGrades } from "../attendance/index.js";
import type { JobDefinition } from "./registry.js";

/**
 * Every minute, for most of the minute: sends the attendance grades queued in `attendance_grade_queue` to
 * Moodle's gradebook. The queue holds the batching and retries, so a failed run loses nothing (no pg-boss retry).
 */
export function attendanceGradesJob(db: Db, lti: () => Lti, now: () => Date = () => new Date()): JobDefinition {
  return {
    name: "attendance-grades",
    cron: "* * * * *",
    retryLimit: 0,
    async handle() {
      await drainGrades(db, lti(), now);
    },
  };
}
