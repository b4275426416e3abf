import type { Fixture } from "./load-fixtures.js";
import { fixtureResponse } from "./load-fixtures.js";

function formKey(entries: Iterable<[string, string]>): string {
  return [...entries]
    .filter(([k]) => k !== "wstoken")
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join("&");
}

/**
 * Chooses the recorded answer for a REST call, most specific first:
 * 1. a recording of this function made with the same user's token and the same parameters
 *    (so `courseid=9999` gives the recorded not-found error, a student's add_session the recorded nopermissions).
 *    When one call was recorded twice (a delete, then the same delete failing as not found), the answers are
 *    given in that order: success first, the error from the next identical call on;
 * 2. the function's main recording `<function>.json`;
 * 3. any other successful recording of the function.
 * Returns undefined when nothing was recorded for the function.
 */
export function pickRecording(
  fixtures: ReadonlyMap<string, Fixture>,
  wsfunction: string,
  owner: string,
  form: URLSearchParams,
  seen: Map<string, number>,
): unknown {
  const candidates = [...fixtures.values()].filter((f) => f.function === wsfunction && f.owner !== undefined);
  const key = formKey(form);
  const exact = candidates
    .filter(
      (f) => f.owner === owner && f.requestBody !== undefined && formKey(new URLSearchParams(f.requestBody)) === key,
    )
    .sort((a, b) => Number(a.name.startsWith("errors-")) - Number(b.name.startsWith("errors-")));
  if (exact.length > 0) {
    const n = seen.get(`${owner} ${key}`) ?? 0;
    seen.set(`${owner} ${key}`, n + 1);
    return structuredClone(exact[Math.min(n, exact.length - 1)]?.response);
  }
  if (fixtures.has(wsfunction)) return fixtureResponse(fixtures, wsfunction);
  const other = candidates.find((f) => !f.name.startsWith("errors-"));
  return other ? structuredClone(other.response) : undefined;
}
