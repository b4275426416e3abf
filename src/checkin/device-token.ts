import { randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import { cookieOptions, type CookiePolicy } from "../http/cookie-policy.js";

export const DEVICE_COOKIE = "rb_device";

/** This phone's check-in device token (a random cookie kept a year): one device checks in one student per session. */
export function ensureDeviceToken(req: Request, res: Response, cookies: CookiePolicy): string {
  const existing = (req.cookies as Record<string, string> | undefined)?.[DEVICE_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
  const token = randomBytes(18).toString("base64url");
  res.cookie(DEVICE_COOKIE, token, { ...cookieOptions(cookies), maxAge: 365 * 24 * 3600_000 });
  return token;
}
