import { MoodleWarningsError, type MoodleWarning } from "../errors/moodle-errors.js";
import type { MoodleClient } from "./moodle-client.js";

/** Options of wrappers whose function reports item-level failures in `warnings[]`. */
export interface WarningsOptions {
  /** Throw MoodleWarningsError when `warnings[]` is not empty. Defaults to the client's `strict`. */
  strict?: boolean;
}

/**
 * Returns a result that carries `warnings[]` unchanged, or, in strict mode, throws them as one
 * MoodleWarningsError that still holds the result (some items may have succeeded).
 */
export function checkWarnings<T extends { warnings: MoodleWarning[] }>(
  client: MoodleClient,
  wsfunction: string,
  result: T,
  options: WarningsOptions = {},
): T {
  const strict = options.strict ?? client.strict;
  const first = result.warnings[0];
  if (!strict || !first) return result;
  const list = result.warnings.map(
    (w) => `${w.warningcode}${w.itemid === undefined ? "" : ` (${w.item ?? "item"} ${w.itemid})`}: ${w.message}`,
  );
  throw new MoodleWarningsError(`Moodle carried out ${wsfunction} only in part: ${list.join("; ")}`, {
    errorcode: first.warningcode,
    wsfunction,
    moodleMessage: first.message,
    warnings: result.warnings,
    result,
  });
}
