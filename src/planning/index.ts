/** The planning feature's front door: what other features may use. */
export { planningRoutes } from "./routes/index.js";
export { zoomClientFromEnv } from "./zoom/zoom-client-from-env.js";
export { isStudyDayLaunch } from "./landing-facts.js";
export { upcomingClassesForCourse, upcomingClassesForStudent } from "./panels.js";
export { runDueSteps } from "./timeline/run-due-steps.js";
export type { TimelineDeps } from "./timeline/step-context.js";
export { ensureStaffCourse } from "./ensure-staff-course.js";
export type { ZoomClient } from "./zoom/zoom-client.js";
export { pollMeetings, type PollOutcome } from "./live/poll-meetings.js";
export { zoomWebhookRoutes, zoomWebhookBody, ZOOM_WEBHOOK_PATH } from "./live/zoom-webhook-routes.js";
