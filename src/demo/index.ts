/** The demo feature's front door: what other features may use. */
export { loadDemoKeys } from "./demo-keys.js";
export { demoRoutes } from "./routes/index.js";
export { ensureDemoPlatform } from "./ensure-demo-platform.js";
export { demoUrlProblem, probePublicUrl } from "./demo-url-check.js";
export { DEMO_STAFF_COURSE, DEMO_COORDINATOR } from "./demo-people.js";
