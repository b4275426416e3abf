/** The bridge feature's front door: what other features may use. */
export { bridgeRoutes } from "./routes.js";
export { runMoodleCommand } from "./moodle-commands.js";
export { getMoodleClient, type MoodleClientTuning } from "./get-moodle-client.js";
export { runAttendanceExport } from "./run-attendance-export.js";
export { claimCalendarWork } from "./claim-calendar-work.js";
export { syncSessionCalendar } from "./sync-session-calendar.js";
export { refreshGroupsOnLaunch } from "./refresh-course-groups.js";
export { queueSessionCalendar } from "./queue-session-calendar.js";
export { moodleGroupSync, sessionBadges } from "./panels.js";
export {
  openMoodleSignals,
  type CourseSignals,
  type CourseSignalsOf,
  type StudentSignals,
} from "./get-moodle-signals.js";
