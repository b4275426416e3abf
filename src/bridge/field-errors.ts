import type { T } from "../i18n/i18n.js";

/** zod issues -> one translated message per form field (the first), for re-rendering a form. */
export function fieldErrors(issues: readonly { path: PropertyKey[]; message: string }[], t: T): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[String(i.path[0] ?? "form")] ??= t(i.message);
  return out;
}
