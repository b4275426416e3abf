/** The groups feature's front door: what other features may use. */
export { listGroups, ownGroupIds } from "./queries.js";
export { groupRoutes, type GroupRouteDeps } from "./routes.js";
