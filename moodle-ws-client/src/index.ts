/** moodle-ws-client: a typed, faithful client for Moodle's REST web services. */
export { MoodleClient, moodleClientConfigSchema } from "./client/moodle-client.js";
export type { MoodleClientOptions, MoodleLogger, CallOptions, UploadFile } from "./client/moodle-client.js";
export { serializeParams, buildRestBody } from "./client/serialize-params.js";
export type { MoodleParams, MoodleParamValue } from "./client/serialize-params.js";
export { READ_FUNCTIONS, isReadFunction } from "./client/read-functions.js";
export { DOUBLE_ENCODED_FUNCTIONS, decodeNestedJson } from "./client/decode-nested-json.js";
export type { WarningsOptions } from "./client/check-warnings.js";

export { MoodleError } from "./errors/moodle-error.js";
export type { MoodleErrorDetails } from "./errors/moodle-error.js";
export * from "./errors/moodle-errors.js";
export { toMoodleError, moodleExceptionSchema } from "./errors/to-moodle-error.js";

export * from "./functions/site.js";
export * from "./functions/course.js";
export * from "./functions/people.js";
export * from "./functions/calendar.js";
export * from "./functions/forum.js";
export * from "./functions/message.js";
export * from "./functions/files.js";
export * from "./functions/attendance.js";
export * from "./functions/assign.js";

export * from "./schemas/common.js";
export * from "./schemas/site.js";
export * from "./schemas/course.js";
export * from "./schemas/people.js";
export * from "./schemas/calendar.js";
export * from "./schemas/forum.js";
export * from "./schemas/message.js";
export * from "./schemas/files.js";
export * from "./schemas/attendance.js";
export * from "./schemas/assign.js";
