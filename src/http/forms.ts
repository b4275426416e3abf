import type { Request } from "express";
import type { z } from "zod";
import type { T } from "../i18n/i18n.js";

/** The first message per field of a zod failure, translated; "form" for a failure without a field. */
export function fieldErrors(error: z.ZodError, t: T): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) out[String(i.path[0] ?? "form")] ??= t(i.message);
  return out;
}

/** The posted form as plain strings (what the user typed, to show again). */
export function bodyOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>))
    out[k] = Array.isArray(v) ? String(v[0] ?? "") : String(v ?? "");
  return out;
}

/** A positive integer route parameter; anything else is treated as a missing row. */
export function idParam(value: unknown): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : -1;
}
