import { doubleCsrf } from "csrf-csrf";
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../errors.js";
import { browserCookieName, cookieOptions } from "./browser-id.js";

/**
 * Double-submit CSRF tokens bound to the browser id. Every state-changing form carries `_csrf`;
 * server-to-server endpoints (the demo platform's token endpoint) are skipped by prefix.
 */
export function csrfProtection(secret: string, secure: boolean, skipPrefixes: readonly string[]) {
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => (req.cookies as Record<string, string>)[browserCookieName(secure)] ?? "",
    cookieName: secure ? "__Host-rb.csrf" : "rb_csrf",
    cookieOptions: { ...cookieOptions(secure) },
    getCsrfTokenFromRequest: (req) =>
      (req.body as Record<string, string> | undefined)?._csrf ?? req.get("x-csrf-token"),
    skipCsrfProtection: (req) => skipPrefixes.some((p) => req.path.startsWith(p)),
  });
  return [
    (req: Request, res: Response, next: NextFunction) => {
      let token: string | undefined; // one token per response: every form on a page shares the cookie it matches
      res.locals.csrfToken = () => (token ??= generateCsrfToken(req, res));
      next();
    },
    (req: Request, res: Response, next: NextFunction) =>
      doubleCsrfProtection(req, res, (err?: unknown) => {
        if (err) return next(new AppError("forbidden", "errors.csrf", {}, 403));
        next();
      }),
  ];
}
