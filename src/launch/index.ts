/** The launch feature's front door: what other features may use. */
export { launchHandlers } from "./lti-handlers.js";
