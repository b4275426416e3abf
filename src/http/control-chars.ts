import { parse } from "node:querystring";
import type { NextFunction, Request, Response } from "express";
import { NotFound } from "../errors.js";

// C0 control characters and DEL, bar tab, line feed and carriage return (a textarea's line breaks).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Does the text hold a NUL or another control character no form field should carry? */
export function hasControlChars(text: string): boolean {
  return text.search(CONTROL) !== -1;
}

/** The text without NUL and other control characters (tab and line breaks stay). */
export function stripControlChars(text: string): string {
  return text.replace(CONTROL, "");
}

/** Every string in a parsed body or query (nested objects and arrays too) without control characters; bytes stay. */
export function cleanInput<T>(value: T): T {
  if (typeof value === "string") return stripControlChars(value) as T;
  if (Array.isArray(value)) return value.map(cleanInput) as T;
  if (value && typeof value === "object" && !Buffer.isBuffer(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [stripControlChars(k), cleanInput(v)])) as T;
  return value;
}

/** Express's "query parser": the simple parser, then cleanInput, so no query value carries a control character. */
export const cleanQueryParser = (query: string) => cleanInput(parse(query));

/**
 * Strips NUL and other control characters from every text field of a request body (PostgreSQL refuses NUL in
 * text, and nothing a person types needs the others), so they can never reach a query. Paths in `judgedBy` keep
 * them: their handlers refuse such a field with its own message (the register refuses the one row).
 */
export function controlCharsStripped(judgedBy: RegExp[] = []) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.body && typeof req.body === "object" && !judgedBy.some((p) => p.test(req.path)))
      req.body = cleanInput(req.body);
    next();
  };
}

/** A URL whose path holds a control character (`/deep-link/%00`) names no page: 404 before any route reads it. */
export function controlCharsInPathRefused(req: Request, _res: Response, next: NextFunction) {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return next(NotFound());
  }
  next(hasControlChars(path) ? NotFound() : undefined);
}
