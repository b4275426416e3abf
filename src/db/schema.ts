/** Every table, one file per feature under schema/ (drizzle-kit reads them all for migrations). */
export * from "./schema/core.js";
export * from "./schema/bridge.js";
export * from "./schema/planning.js";
export * from "./schema/groups.js";
export * from "./schema/attendance.js";
export * from "./schema/publishing.js";
export * from "./schema/bridge-sync.js";
export * from "./schema/checkin.js";
export * from "./schema/notify.js";
export * from "./schema/followup.js";
export * from "./schema/timeline.js";
export * from "./schema/registration.js";
export * from "./schema/excuses.js";
