/** A value Moodle's REST protocol can carry: scalars, lists and structures, nested to any depth. */
export type MoodleParamValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly MoodleParamValue[]
  | { readonly [key: string]: MoodleParamValue };

/** The parameters of one web-service call, as structured data (the fixtures' `params`). */
export type MoodleParams = { readonly [key: string]: MoodleParamValue };

/**
 * Flattens structured params into PHP bracket syntax (`events[0][name]`, `groupids[1]`), in order,
 * the way Moodle's REST server reads them. Booleans become `1`/`0`; `undefined` and `null` are left out
 * (Moodle then applies the parameter's default).
 */
export function serializeParams(params: MoodleParams): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(params)) flatten(key, value, out);
  return out;
}

function flatten(key: string, value: MoodleParamValue, out: [string, string][]): void {
  if (value === undefined || value === null) return;
  if (typeof value === "boolean") {
    out.push([key, value ? "1" : "0"]);
  } else if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`Parameter ${key} is not a finite number: ${value}`);
    out.push([key, String(value)]);
  } else if (typeof value === "string") {
    out.push([key, value]);
  } else if (Array.isArray(value)) {
    value.forEach((item: MoodleParamValue, i: number) => flatten(`${key}[${i}]`, item, out));
  } else {
    for (const [k, v] of Object.entries(value)) flatten(`${key}[${k}]`, v, out);
  }
}

/**
 * The exact form body for /webservice/rest/server.php: token, function and format first, then the params.
 * Pure, so it can be checked byte for byte against the recorded request bodies.
 */
export function buildRestBody(token: string, wsfunction: string, params: MoodleParams): string {
  const form = new URLSearchParams();
  form.append("wstoken", token);
  form.append("wsfunction", wsfunction);
  form.append("moodlewsrestformat", "json");
  for (const [k, v] of serializeParams(params)) form.append(k, v);
  return form.toString();
}
