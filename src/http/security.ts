import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

/** Caches the registered platforms' origins for a short while: CSP frame-ancestors is computed per request. */
export function originsCache(load: () => Promise<string[]>, ttlMs = 30_000) {
  let value: string[] = [];
  let loadedAt = 0;
  return {
    async get(now = Date.now()): Promise<string[]> {
      if (now - loadedAt > ttlMs) {
        value = await load();
        loadedAt = now;
      }
      return value;
    },
    invalidate() {
      loadedAt = 0;
    },
  };
}

function originOf(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
}

/**
 * helmet with a CSP that lets only the registered platforms frame the tool. The dynamic-registration page is
 * framed by a Moodle that is not registered yet, so it also allows the origin of its openid_configuration.
 */
export function securityHeaders(origins: { get(): Promise<string[]> }, registerPath: string) {
  const headers = helmet({
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: "same-site" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: [
          "'self'",
          (_req, res) => ((res as Response).locals.frameAncestors as string[]).join(" ") || "'self'",
        ],
        frameAncestors: [
          "'self'",
          (_req, res) => ((res as Response).locals.frameAncestors as string[]).join(" ") || "'self'",
        ],
        upgradeInsecureRequests: null,
      },
    },
  });
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.cspNonce = randomBytes(16).toString("base64");
      const list = [...(await origins.get())];
      if (req.path === registerPath) {
        const extra = originOf(req.query.openid_configuration);
        if (extra) list.push(extra);
      }
      res.locals.frameAncestors = list;
      headers(req, res, next);
    } catch (err) {
      next(err);
    }
  };
}
