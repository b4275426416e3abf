/** The roster feature's front door: what other features may use. */
export { syncRoster } from "./sync-roster.js";
export { isRosterStale } from "./plan-roster.js";
