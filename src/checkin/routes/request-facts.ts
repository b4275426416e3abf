import type { Request, Response } from "express";
import type { CookiePolicy } from "../../http/cookie-policy.js";
import { ensureDeviceToken } from "../device-token.js";
import type { RequestFacts } from "../log-attempt.js";

/** What the attempt log keeps of a request: address, browser and this device's token (set when it has none). */
export function requestFacts(req: Request, res: Response, cookies: CookiePolicy): RequestFacts {
  return {
    ip: req.ip ?? "",
    userAgent: req.get("user-agent") ?? "",
    deviceToken: ensureDeviceToken(req, res, cookies),
  };
}
