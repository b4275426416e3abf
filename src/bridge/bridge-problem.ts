import {
  MoodleCapabilityError,
  MoodleError,
  MoodleFunctionNotInServiceError,
  MoodleInvalidTokenError,
  MoodleNetworkError,
  MoodleResponseError,
  MoodleTimeoutError,
} from "moodle-ws-client";
import type { T } from "../i18n/i18n.js";

/** Why a bridge action did not work, as an i18n key below bridge.problem and its values; `isTransient` ones are retried. */
export interface BridgeProblem {
  key: string;
  params: Record<string, string | number>;
  isTransient: boolean;
}

/** A Moodle failure as something a person can act on; anything that is not a Moodle failure is rethrown. */
export function bridgeProblemOf(err: unknown): BridgeProblem {
  const p = (key: string, params: Record<string, string | number> = {}, isTransient = false) => ({
    key,
    params,
    isTransient,
  });
  if (err instanceof MoodleFunctionNotInServiceError) return p("function_missing", { function: err.missingFunction });
  if (err instanceof MoodleCapabilityError) return p("no_permission", { permission: err.permission ?? err.errorcode });
  if (err instanceof MoodleInvalidTokenError) return p("bad_token");
  if (err instanceof MoodleTimeoutError || err instanceof MoodleNetworkError || err instanceof MoodleResponseError)
    return p("unavailable", {}, true);
  if (err instanceof MoodleError) return p("refused", { code: err.errorcode, detail: err.message });
  throw err;
}

/** The problem as one sentence with its hint, in the reader's language. */
export function problemText(t: T, key: string | null, params: Record<string, string | number> | null): string {
  if (!key) return "";
  return [
    t(`bridge.problem.${key}`, params ?? {}),
    t(`bridge.problem.${key}_hint`, { ...(params ?? {}), defaultValue: "" }),
  ]
    .filter(Boolean)
    .join(" ");
}
