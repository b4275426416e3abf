import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a webhook's timestamp may be from our clock before the request is refused as stale (or from the future). */
export const WEBHOOK_MAX_SKEW_MS = 5 * 60_000;

export type WebhookCheck = { ok: true } | { ok: false; reason: "missing" | "stale" | "bad_signature" };

/**
 * Zoom's webhook signature: `v0=` + hex HMAC-SHA256 with the app's secret token over `v0:{x-zm-request-timestamp}:{raw
 * body}`, compared in constant time; the timestamp (seconds) must be within 5 minutes of `now`. Pure: takes `now`.
 */
export function verifyZoomSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: Buffer,
  now: Date,
): WebhookCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,13}$/.test(timestamp)) return { ok: false, reason: "missing" };
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > WEBHOOK_MAX_SKEW_MS) return { ok: false, reason: "stale" };
  const mac = createHmac("sha256", secret).update(`v0:${timestamp}:`).update(rawBody).digest("hex");
  const expected = Buffer.from(`v0=${mac}`);
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: "bad_signature" };
  return { ok: true };
}

/** The answer to `endpoint.url_validation`: the plain token and its HMAC-SHA256 (hex) with the secret. */
export function urlValidation(secret: string, plainToken: string) {
  return { plainToken, encryptedToken: createHmac("sha256", secret).update(plainToken).digest("hex") };
}
