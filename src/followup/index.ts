/**
 * Follow-up: absence warnings decided from the marks (rules per activity, facts warned about once, through the
 * outbox, re-checked at sending time) and the lists of students at risk.
 */
export { evaluateFollowup, type FollowupRun } from "./evaluate-followup.js";
export { evaluateActivity, EVALUATION_OVERLAP_MS } from "./evaluate-activity.js";
export { followupStillValid } from "./still-valid.js";
export { decideWarnings, decideFacts } from "./rules/decide-warnings.js";
export { DEFAULT_CONFIG } from "./rules-config.js";
export { followupRoutes, type FollowupRouteDeps } from "./routes/index.js";
