/** The attendance feature's front door: what other features may use. */
export { attendanceRoutes } from "./routes.js";
export { REGISTER_MARKS } from "./register/routes/index.js";
export { enqueueAllGrades, enqueueGrades, GRADE_BATCH_DELAY_MS, REQUEUE } from "./grades/enqueue-grades.js";
export { defaultSetId } from "./statuses/ensure-status-sets.js";
export { type StatusRow } from "./statuses/queries.js";
export { memberNames, listExpectedStudents } from "./register/queries.js";
export { getSession, type SessionWithGroups } from "./sessions/queries.js";
export { statusLabel } from "./statuses/present.js";
export { closeEndedSessions } from "./sessions/close-ended-sessions.js";
export { drainGrades } from "./grades/drain-grades.js";
export { NO_EVENTS, NO_PANELS, type AttendanceEvents, type AttendancePanels } from "./ports.js";
export { type AttendanceRouteDeps } from "./routes.js";
export { BOM, csvLine, type CsvDialect } from "./export/csv-dialect.js";
export { recordMarks, type RecordResult } from "./register/record-marks.js";
export { type MarkWish } from "./register/plan-mark-changes.js";
export { getExcusedStatus } from "./statuses/queries.js";
export { listExpectedSessions, type ExpectedSession } from "./report/expected-sessions.js";
