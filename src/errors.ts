/** Stable error codes; each maps to one HTTP status and one user-facing message key. */
export type ErrorCode =
  | "not_found"
  | "forbidden"
  | "invalid"
  | "lti_launch_invalid"
  | "conflict"
  | "upstream_unavailable"
  | "session_expired"
  | "unavailable"
  | "rate_limited";

const STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  invalid: 400,
  lti_launch_invalid: 401,
  conflict: 409,
  upstream_unavailable: 502,
  session_expired: 401,
  unavailable: 503,
  rate_limited: 429,
};

/** The one error type that carries a user-facing message key (translated when rendered) and a stable code. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** i18n key of the message shown to the user. */
    readonly messageKey: string,
    readonly details: Record<string, unknown> = {},
    status?: number,
  ) {
    super(`${code}: ${messageKey}`);
    this.status = status ?? STATUS[code];
  }
}

export const NotFound = (key = "errors.not_found", details?: Record<string, unknown>) =>
  new AppError("not_found", key, details);
export const Forbidden = (key = "errors.forbidden", details?: Record<string, unknown>) =>
  new AppError("forbidden", key, details);
export const Invalid = (key = "errors.invalid", details?: Record<string, unknown>) =>
  new AppError("invalid", key, details);
export const Conflict = (key = "errors.conflict", details?: Record<string, unknown>) =>
  new AppError("conflict", key, details);
export const LaunchInvalid = (key: string, details?: Record<string, unknown>, status?: number) =>
  new AppError("lti_launch_invalid", key, details, status);
export const SessionExpired = () => new AppError("session_expired", "errors.session_expired");
export const UpstreamUnavailable = (key = "errors.upstream_unavailable", details?: Record<string, unknown>) =>
  new AppError("upstream_unavailable", key, details);
/** Too many requests from one address in a window (the caller sets Retry-After). */
export const RateLimited = (key: string) => new AppError("rate_limited", key);
/** The database cannot be reached right now: 503 with Retry-After and a "try again" message (a check-in page words its own). */
export const Unavailable = (key = "errors.unavailable") => new AppError("unavailable", key);
