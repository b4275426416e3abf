/** A parsed PHP-style form value: strings at the leaves, as PHP sees them. */
export type PhpFormValue = string | PhpFormValue[] | { [key: string]: PhpFormValue };

/**
 * Rebuilds nested params from PHP bracket syntax (`events[0][name]=x` -> `{events: [{name: "x"}]}`),
 * the way Moodle's REST server reads a form body. Objects whose keys are 0..n-1 become arrays.
 */
export function parsePhpForm(entries: Iterable<[string, string]>): Record<string, PhpFormValue> {
  const root: Record<string, PhpFormValue> = {};
  for (const [name, value] of entries) {
    const match = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(name);
    const head = match?.[1] ?? name;
    const path = [head, ...[...(match?.[2] ?? "").matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? "")];
    let node: Record<string, PhpFormValue> = root;
    path.forEach((key, i) => {
      if (i === path.length - 1) {
        node[key] = value;
        return;
      }
      const next = node[key];
      if (typeof next !== "object" || next === null) node[key] = {};
      node = node[key] as Record<string, PhpFormValue>;
    });
  }
  return toArrays(root) as Record<string, PhpFormValue>;
}

function toArrays(value: PhpFormValue): PhpFormValue {
  if (typeof value === "string") return value;
  const entries = Object.entries(value).map(([k, v]) => [k, toArrays(v)] as const);
  const isList = entries.length > 0 && entries.every(([k], i) => k === String(i));
  return isList ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}
