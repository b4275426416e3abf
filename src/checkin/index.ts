/** The checkin feature's front door: what other features may use. */
export { checkinRoutes } from "./routes/index.js";
export { hasPendingCheckin, movePendingCheckins, purgeExpiredPendingCheckins } from "./pending-checkin.js";
export { listOpenCheckins } from "./list-open-checkins.js";
export { presentSelfCheckins } from "./present-self-checkins.js";
export { attemptLogCutoff, purgeAttemptLogs } from "./purge-attempt-logs.js";
