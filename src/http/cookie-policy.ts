import type { CookieOptions } from "express";
import type { Env } from "../env.js";

/** How every cookie of Rollbook (its own and ltijs's) is set: decided once, from the configuration. */
export interface CookiePolicy {
  /**
   * `Secure; SameSite=None`: a cookie set inside Moodle's iframe on another site comes back only so. Browsers allow
   * Secure cookies over https and over http://localhost (a secure context), nowhere else.
   */
  isSecure: boolean;
  /**
   * `__Host-` names (Secure, Path=/, no Domain: a sibling subdomain cannot plant one): over https only, since
   * browsers differ on name prefixes for http://localhost and they guard nothing on one's own machine.
   */
  isHostPrefixed: boolean;
}

/** localhost, *.localhost, 127.0.0.0/8 and [::1]: the hosts browsers treat as a secure context over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return host === "localhost" || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host) || host === "[::1]";
}

/**
 * The cookie policy of a PUBLIC_URL: Secure under https, and under http://localhost too (a tool on localhost inside a
 * Moodle on another host loses its launch cookie otherwise), unless LOCALHOST_SECURE_COOKIES=false asks for plain
 * `SameSite=Lax` cookies there (HTTP clients that do not send Secure cookies back over http, such as supertest).
 */
export function cookiePolicy(env: Pick<Env, "PUBLIC_URL" | "LOCALHOST_SECURE_COOKIES">): CookiePolicy {
  const url = new URL(env.PUBLIC_URL);
  const isHttps = url.protocol === "https:";
  return {
    isSecure: isHttps || (url.protocol === "http:" && env.LOCALHOST_SECURE_COOKIES && isLoopbackHost(url.hostname)),
    isHostPrefixed: isHttps,
  };
}

/** The options of every cookie Rollbook sets itself. */
export function cookieOptions(policy: CookiePolicy): CookieOptions {
  return policy.isSecure
    ? { httpOnly: true, secure: true, sameSite: "none", path: "/" }
    : { httpOnly: true, secure: false, sameSite: "lax", path: "/" };
}
