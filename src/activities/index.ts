/**
 * The activities feature's front door: an LTI resource link as Rollbook's activity, its course and roster, and
 * the one way every feature finds the actor's activity (requireActivity: another course's is NotFound).
 */
export { activityRoutes, type ActivityRouteDeps } from "./routes.js";
export { deepLinkRoutes } from "./deep-link-routes.js";
export { requireActivity, type ActivityScope } from "./require-activity.js";
export { getActivity, getCourse, listMembers, type ActivityRow, type CourseRow, type MemberRow } from "./queries.js";
export { DEFAULT_ACTIVITY_TITLE, LINK_KEY_PARAM, newLinkKey } from "./link-key.js";
export { rosterOrder } from "./present.js";
