import { z } from "zod";
import { MoodleError, type MoodleErrorDetails } from "./moodle-error.js";
import {
  MoodleCapabilityError,
  MoodleFunctionNotInServiceError,
  MoodleInvalidParameterError,
  MoodleInvalidTokenError,
  MoodleNotFoundError,
  MoodleUploadError,
} from "./moodle-errors.js";

/** Moodle's exception body; it arrives with HTTP 200, so the shape, not the status, says "error". */
export const moodleExceptionSchema = z.looseObject({
  exception: z.string(),
  errorcode: z.string(),
  message: z.string(),
  debuginfo: z.string().nullish(),
});
export type MoodleException = z.infer<typeof moodleExceptionSchema>;

/** /webservice/upload.php's own error body: `error` instead of `exception`. */
export const moodleUploadErrorSchema = z.looseObject({
  error: z.string(),
  errorcode: z.string(),
  debuginfo: z.string().nullish(),
});

const CAPABILITY_CODES = new Set(["nopermissions", "cannotdeletepost", "requireloginerror", "accessdenied"]);
const CAPABILITY_EXCEPTIONS = new Set(["required_capability_exception", "require_login_exception"]);
const NOT_FOUND_CODES = new Set([
  "invalidrecord",
  "invalidrecordunknown",
  "invalidpostid",
  "invalidcourseid",
  "invaliduser",
]);

/** Turns Moodle's exception body into the matching typed error, with a message an admin or lecturer can act on. */
export function toMoodleError(body: MoodleException, wsfunction: string): MoodleError {
  const details: MoodleErrorDetails = {
    errorcode: body.errorcode,
    exception: body.exception,
    wsfunction,
    moodleMessage: body.message,
    debuginfo: body.debuginfo ?? undefined,
  };
  const said = `Moodle said: "${body.message}"`;
  if (body.errorcode === "invalidtoken") {
    return new MoodleInvalidTokenError(
      `The Moodle web-service token is invalid, expired or revoked (${wsfunction}). ` +
        "Create a new token in Site administration > Server > Web services > Manage tokens. " +
        said,
      details,
    );
  }
  if (body.errorcode === "accessexception") {
    return new MoodleFunctionNotInServiceError(
      `The function ${wsfunction} is not in this token's external service. Add "${wsfunction}" in ` +
        "Site administration > Server > Web services > External services > (your service) > Functions, " +
        "and check that the token's user is an authorised user of the service. " +
        said,
      details,
    );
  }
  if (CAPABILITY_CODES.has(body.errorcode) || CAPABILITY_EXCEPTIONS.has(body.exception)) {
    const permission = /\(([^()]+)\)\.?$/.exec(body.message)?.[1];
    return new MoodleCapabilityError(
      `The Moodle user behind the token may not do this (${wsfunction}` +
        (permission ? `, missing permission "${permission}"` : "") +
        "). Give the user a role with the needed capability in that course or site. " +
        said,
      { ...details, permission },
    );
  }
  if (body.errorcode === "invalidparameter" || body.exception === "invalid_parameter_exception") {
    return new MoodleInvalidParameterError(
      `Moodle rejected a parameter of ${wsfunction}. ` +
        (body.debuginfo
          ? `Reason: ${body.debuginfo}`
          : "Moodle gives the reason only with debugging on (Site administration > Development > Debugging)."),
      details,
    );
  }
  if (NOT_FOUND_CODES.has(body.errorcode) || body.exception === "dml_missing_record_exception") {
    return new MoodleNotFoundError(
      `What ${wsfunction} was asked about does not exist in Moodle (any more); a stored id may be stale. ` + said,
      details,
    );
  }
  return new MoodleError(`Moodle refused ${wsfunction} (${body.errorcode}). ${said}`, details);
}

/** Turns the upload endpoint's error body into a MoodleUploadError. */
export function toMoodleUploadError(
  body: z.infer<typeof moodleUploadErrorSchema>,
  endpoint: string,
): MoodleUploadError {
  const hint =
    body.errorcode === "invalidtoken"
      ? " Check the token (Site administration > Server > Web services > Manage tokens)."
      : body.errorcode === "nofile"
        ? " No file was sent."
        : " Check that the external service has 'Can upload files' enabled.";
  return new MoodleUploadError(`Moodle's file upload failed (${body.errorcode}): "${body.error}".${hint}`, {
    errorcode: body.errorcode,
    wsfunction: endpoint,
    moodleMessage: body.error,
    debuginfo: body.debuginfo ?? undefined,
  });
}
