/** The demo feature's front door: what other features may use. */
export { loadDemoKeys } from "./demo-keys.js";
export { demoRoutes } from "./demo-routes.js";
export { ensureDemoPlatform } from "./ensure-demo-platform.js";
