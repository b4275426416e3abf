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

/** The largest id PostgreSQL's `integer` holds: a larger one in a URL is a missing row, not a failed query. */
export const MAX_ID = 2_147_483_647;

/** A positive integer route parameter up to MAX_ID, in plain digits; anything else is treated as a missing row. */
export function idParam(value: unknown): number {
  if (typeof value !== "string" && typeof value !== "number") return -1;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : -1;
}
