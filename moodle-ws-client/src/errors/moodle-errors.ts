import { MoodleError, type MoodleErrorDetails } from "./moodle-error.js";

/** The token is unknown, expired or revoked: nothing will work until an admin issues a new one. */
export class MoodleInvalidTokenError extends MoodleError {}

/**
 * The token is valid but the function is not in its external service (`accessexception`).
 * `missingFunction` is what an admin must add to the service.
 */
export class MoodleFunctionNotInServiceError extends MoodleError {
  readonly missingFunction: string;
  constructor(message: string, details: MoodleErrorDetails) {
    super(message, details);
    this.missingFunction = details.wsfunction;
  }
}

/** The token's user lacks a capability (or may not touch this item); `permission` is Moodle's name for it, when given. */
export class MoodleCapabilityError extends MoodleError {
  readonly permission: string | undefined;
  constructor(message: string, details: MoodleErrorDetails & { permission?: string | undefined }) {
    super(message, details);
    this.permission = details.permission;
  }
}

/** Moodle rejected a parameter; without Moodle debugging on, it never says which one or why. */
export class MoodleInvalidParameterError extends MoodleError {}

/** The course, event, session, post … does not exist (any more). Often the sign of a stale stored id. */
export class MoodleNotFoundError extends MoodleError {}

/** One item-level failure Moodle put in `warnings[]` instead of throwing. */
export interface MoodleWarning {
  item?: string | undefined;
  itemid?: number | string | undefined;
  warningcode: string;
  message: string;
}

/**
 * A call succeeded as a whole but Moodle reported item-level failures in `warnings[]`.
 * Thrown only in strict mode; `result` holds what the call did return, so no work is lost.
 */
export class MoodleWarningsError extends MoodleError {
  readonly warnings: MoodleWarning[];
  readonly result: unknown;
  constructor(message: string, details: MoodleErrorDetails & { warnings: MoodleWarning[]; result: unknown }) {
    super(message, details);
    this.warnings = details.warnings;
    this.result = details.result;
  }
}

/** A message Moodle refused (`msgid: -1`); `results` also lists the messages that were sent, so none is sent twice. */
export class MoodleMessageNotSentError extends MoodleError {
  readonly failures: { index: number; touserid: number; errormessage: string }[];
  readonly results: unknown[];
  constructor(
    message: string,
    details: MoodleErrorDetails & { failures: MoodleMessageNotSentError["failures"]; results: unknown[] },
  ) {
    super(message, details);
    this.failures = details.failures;
    this.results = details.results;
  }
}

/** /webservice/upload.php failed; it reports errors as `{error, errorcode}` rather than `{exception, errorcode}`. */
export class MoodleUploadError extends MoodleError {}

/** Moodle answered with something that is not the expected JSON: an HTML error page, a proxy page, or data the schema rejects. */
export class MoodleResponseError extends MoodleError {
  readonly status: number | undefined;
  readonly bodySnippet: string | undefined;
  readonly issues: unknown;
  constructor(
    message: string,
    details: MoodleErrorDetails & { status?: number | undefined; bodySnippet?: string | undefined; issues?: unknown },
  ) {
    super(message, details);
    this.status = details.status;
    this.bodySnippet = details.bodySnippet;
    this.issues = details.issues;
  }
}

/** No answer within `timeoutMs`. The call may still have happened on the Moodle side. */
export class MoodleTimeoutError extends MoodleError {}

/** The connection failed. `sent` is false when the request certainly never reached Moodle (e.g. ECONNREFUSED). */
export class MoodleNetworkError extends MoodleError {
  readonly code: string | undefined;
  readonly sent: boolean;
  constructor(message: string, details: MoodleErrorDetails & { code?: string | undefined; sent: boolean }) {
    super(message, details);
    this.code = details.code;
    this.sent = details.sent;
  }
}
