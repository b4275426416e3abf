/**
 * Functions whose result Moodle JSON-encodes a second time (a JSON string inside the JSON body).
 * Named in the fixtures' README; core_course_edit_module in fact returns a plain HTML string.
 */
export const DOUBLE_ENCODED_FUNCTIONS: ReadonlySet<string> = new Set([
  "core_courseformat_update_course",
  "core_course_edit_section",
  "core_course_edit_module",
]);

/**
 * Decodes the inner JSON of a double-encoded result. A string that is not JSON (the HTML that
 * core_course_edit_module returns) is handed back unchanged, and so is every other function's result.
 */
export function decodeNestedJson(wsfunction: string, result: unknown): unknown {
  if (!DOUBLE_ENCODED_FUNCTIONS.has(wsfunction) || typeof result !== "string") return result;
  const trimmed = result.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[") && !trimmed.startsWith('"')) return result;
  try {
    return JSON.parse(result) as unknown;
  } catch {
    return result;
  }
}
