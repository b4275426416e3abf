import { AppError } from "../errors.js";

/** Why a check-in was refused: each has its own message in both languages (`checkin.refused.<reason>`). */
export type RefusalReason =
  | "not_enabled"
  | "not_open_yet"
  | "closed"
  | "not_student"
  | "not_in_group"
  | "wrong_code"
  | "expired_code"
  | "other_session"
  | "rate_limited"
  | "wrong_device"
  | "ip_not_allowed"
  | "tampered"
  | "no_status"
  | "pending_expired"
  | "marked_by_lecturer";

const STATUS: Partial<Record<RefusalReason, number>> = {
  not_student: 403,
  not_in_group: 403,
  wrong_device: 403,
  ip_not_allowed: 403,
  rate_limited: 429,
  closed: 409,
  not_open_yet: 409,
  not_enabled: 409,
  no_status: 409,
  marked_by_lecturer: 409,
};

/** A refused check-in: a friendly page (or JSON) with the reason's message; never a mark. */
export function CheckinRefused(reason: RefusalReason): AppError {
  const status = STATUS[reason] ?? 400;
  return new AppError(
    status === 403 ? "forbidden" : status === 409 ? "conflict" : "invalid",
    `checkin.refused.${reason}`,
    { reason },
    status,
  );
}

/** The reason of a refusal made by CheckinRefused, or null for any other error. */
export function refusalOf(err: unknown): RefusalReason | null {
  return err instanceof AppError &&
    typeof err.details.reason === "string" &&
    err.messageKey.startsWith("checkin.refused.")
    ? (err.details.reason as RefusalReason)
    : null;
}
