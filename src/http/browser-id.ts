import { randomBytes } from "node:crypto";
import type { CookieOptions, NextFunction, Request, Response } from "express";

export const BROWSER_COOKIE = "rb_browser";

/** Cookie options for everything Rollbook sets: inside Moodle's iframe over HTTPS they must be `Secure; SameSite=None`. */
export function cookieOptions(secure: boolean): CookieOptions {
  return secure
    ? { httpOnly: true, secure: true, sameSite: "none", path: "/" }
    : { httpOnly: true, secure: false, sameSite: "lax", path: "/" };
}

/** Reads this browser's random id, setting one when it has none; sessions and CSRF tokens are bound to it. */
export function ensureBrowserId(req: Request, res: Response, secure: boolean): string {
  const existing = (req.cookies as Record<string, string> | undefined)?.[BROWSER_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
  const id = randomBytes(24).toString("base64url");
  res.cookie(BROWSER_COOKIE, id, { ...cookieOptions(secure), maxAge: 365 * 24 * 3600_000 });
  (req.cookies as Record<string, string>)[BROWSER_COOKIE] = id;
  return id;
}

/** Middleware form of ensureBrowserId; puts the id on res.locals.browserId. */
export function browserIdMiddleware(secure: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.browserId = ensureBrowserId(req, res, secure);
    next();
  };
}
