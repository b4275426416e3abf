import {
  MoodleCapabilityError,
  MoodleError,
  MoodleFunctionNotInServiceError,
  MoodleInvalidTokenError,
  MoodleNetworkError,
  MoodleResponseError,
  MoodleTimeoutError,
} from "moodle-ws-client";
import type { PublishProblem } from "./class-events.js";

/** A failure while publishing, as something a coordinator can act on (i18n key below planning.publish.errors). */
export function publishProblemOf(err: unknown): PublishProblem {
  if (err instanceof MoodleFunctionNotInServiceError)
    return { key: "function_missing", params: { function: err.missingFunction } };
  if (err instanceof MoodleCapabilityError)
    return { key: "no_permission", params: { permission: err.permission ?? err.errorcode } };
  if (err instanceof MoodleInvalidTokenError) return { key: "bad_token" };
  if (err instanceof MoodleTimeoutError || err instanceof MoodleNetworkError || err instanceof MoodleResponseError)
    return { key: "unavailable" };
  if (err instanceof MoodleError) return { key: "refused", params: { code: err.errorcode } };
  throw err;
}
