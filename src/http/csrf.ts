import { doubleCsrf } from "csrf-csrf";
import type { NextFunction, Request, Response } from "express";
import type { Db } from "../db/client.js";
import { AppError, SessionExpired } from "../errors.js";
import { findActivityActor } from "./app-sessions.js";
import { browserCookieName } from "./browser-id.js";
import { cookieOptions, type CookiePolicy } from "./cookie-policy.js";

/** Where a refused token may only mean the launch ended: the activity's pages check this browser's session. */
export interface SessionCheck {
  db: Db;
  now: () => Date;
}

/**
 * Double-submit CSRF tokens bound to the browser id. Every state-changing form carries `_csrf`;
 * server-to-server endpoints (the demo platform's token endpoint) are skipped by prefix. A refused token on an
 * activity's page whose launch has ended (its session expired, the browser dropped the token cookie) is answered
 * as the ended session it is, so the user is told to open the activity from Moodle again, not to resend.
 */
export function csrfProtection(
  secret: string,
  cookies: CookiePolicy,
  skipPrefixes: readonly string[],
  sessions?: SessionCheck,
) {
  const explain = async (req: Request, res: Response): Promise<AppError> => {
    const activityId = Number(/^\/activities\/(\d+)(\/|$)/.exec(req.path)?.[1]);
    if (!sessions || !Number.isSafeInteger(activityId) || activityId <= 0) return csrfRefused();
    const actor = await findActivityActor(sessions.db, res.locals.browserId as string, activityId, sessions.now());
    return actor ? csrfRefused() : SessionExpired();
  };
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => (req.cookies as Record<string, string>)[browserCookieName(cookies)] ?? "",
    cookieName: cookies.isHostPrefixed ? "__Host-rb.csrf" : "rb_csrf",
    cookieOptions: { ...cookieOptions(cookies) },
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
        if (!err) return next();
        explain(req, res).then(next, next);
      }),
  ];
}

const csrfRefused = () => new AppError("forbidden", "errors.csrf", {}, 403);
