import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { cookieOptions, type CookiePolicy } from "./cookie-policy.js";

/**
 * The browser-id cookie's name. Over HTTPS it carries the `__Host-` prefix: the browser then accepts it only
 * Secure, for path /, from this very host (no Domain): a sibling subdomain cannot plant one. Over plain http
 * (localhost) browsers differ on `__Host-` cookies, so the plain name is used there.
 */
export function browserCookieName(policy: CookiePolicy): string {
  return policy.isHostPrefixed ? "__Host-rb_browser" : "rb_browser";
}

/** What signing and setting browser ids needs: the cookie policy and the app's secret (ENCRYPTION_KEY or the generated key). */
export interface BrowserIdConfig {
  cookies: CookiePolicy;
  secret: string;
}

const mac = (secret: string, random: string) =>
  createHmac("sha256", secret).update(`rb_browser:${random}`).digest("base64url").slice(0, 22);

/** A browser id from its cookie only when this server issued it (its HMAC matches); anything else is null. */
export function readBrowserId(req: Request, config: BrowserIdConfig): string | null {
  const raw = (req.cookies as Record<string, string> | undefined)?.[browserCookieName(config.cookies)];
  const m = typeof raw === "string" ? /^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{22})$/.exec(raw) : null;
  if (!m?.[1] || !m[2]) return null;
  const expected = Buffer.from(mac(config.secret, m[1]));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? raw! : null;
}

/** A fresh, random browser id signed with the app's secret (what the cookie holds). */
export function newBrowserId(secret: string): string {
  const random = randomBytes(24).toString("base64url");
  return `${random}.${mac(secret, random)}`;
}

/** Sets a fresh, signed, random browser id (at every launch, and for a browser without a valid one). */
export function issueBrowserId(req: Request, res: Response, config: BrowserIdConfig): string {
  const id = newBrowserId(config.secret);
  const name = browserCookieName(config.cookies);
  res.cookie(name, id, { ...cookieOptions(config.cookies), maxAge: 365 * 24 * 3600_000 });
  ((req.cookies ??= {}) as Record<string, string>)[name] = id; // the CSRF check of this request reads it
  return id;
}

/** This browser's id (issuing one when it has no valid one) on res.locals.browserId; sessions and CSRF are bound to it. */
export function browserIdMiddleware(config: BrowserIdConfig) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.browserId = readBrowserId(req, config) ?? issueBrowserId(req, res, config);
    next();
  };
}
