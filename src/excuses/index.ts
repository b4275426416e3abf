/**
 * Excused absences: a student reports an absence (before or after the session) with a reason and maybe a file;
 * the lecturer approves (the session's excused mark is recorded through attendance) or refuses with a note; both
 * sides are told through the outbox.
 */
import { boundedUpload } from "../http/multipart.js";
import { MAX_FILE_BYTES } from "./excuse-file.js";

export { excuseRoutes, type ExcuseRouteDeps } from "./routes/index.js";
export { excuseRequestStillValid } from "./still-valid.js";
export { MAX_FILE_BYTES } from "./excuse-file.js";
export { purgeExcuseFiles, retentionCutoff } from "./purge-files.js";

/** Where the student's form posts its multipart body (app.ts reads it before the CSRF check). */
export const EXCUSE_UPLOAD_PATH = "/activities/:activityId/excuses/me";

/** Reads the student's form with its file, keeping the reason when the file is too large. */
export const excuseUpload = () => boundedUpload(MAX_FILE_BYTES);
