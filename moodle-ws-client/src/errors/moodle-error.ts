/** What every Moodle failure carries, whether Moodle reported it or the transport did. */
export interface MoodleErrorDetails {
  /** Moodle's errorcode (`invalidtoken`, `nopermissions` …) or a local one (`timeout`, `network`, `invalidresponse`). */
  errorcode: string;
  /** Moodle's exception class (`moodle_exception`, `webservice_access_exception` …); undefined for local failures. */
  exception?: string | undefined;
  /** The web-service function (or endpoint) that was called. */
  wsfunction: string;
  /** Moodle's own message, untouched, for logs. */
  moodleMessage?: string | undefined;
  /** Only present when Moodle debugging is on; usually the real reason for an invalid parameter. */
  debuginfo?: string | undefined;
  /** True when repeating the same call cannot do harm and might succeed (read calls, pre-send network failures). */
  retryable?: boolean;
  cause?: unknown;
}

/**
 * The one base class for anything that goes wrong talking to Moodle, so callers can catch
 * `MoodleError` once and still branch on the subclass or `errorcode` when they care.
 */
export class MoodleError extends Error {
  readonly errorcode: string;
  readonly exception: string | undefined;
  readonly wsfunction: string;
  readonly moodleMessage: string | undefined;
  readonly debuginfo: string | undefined;
  readonly retryable: boolean;

  constructor(message: string, details: MoodleErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.errorcode = details.errorcode;
    this.exception = details.exception;
    this.wsfunction = details.wsfunction;
    this.moodleMessage = details.moodleMessage;
    this.debuginfo = details.debuginfo;
    this.retryable = details.retryable ?? false;
  }
}
