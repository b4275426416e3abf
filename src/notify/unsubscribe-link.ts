import { createHmac, timingSafeEqual } from "node:crypto";

/** Who opts out of what: one person, one kind, on one platform. */
export interface OptOutPayload {
  platformId: string;
  userId: string;
  kind: string;
}

const mac = (key: string, body: string) =>
  createHmac("sha256", `notify-unsubscribe:${key}`).update(body).digest("base64url").slice(0, 22);

/**
 * The token of /notify/unsubscribe/<token>: the payload in base64url and an HMAC over it (128 bits) with the
 * app's key, so the link works without a login and cannot be edited to unsubscribe someone else.
 */
export function signUnsubscribe(key: string, p: OptOutPayload): string {
  const body = Buffer.from(JSON.stringify([p.platformId, p.userId, p.kind])).toString("base64url");
  return `${body}.${mac(key, body)}`;
}

/** The payload of a genuine token, or null for anything edited or malformed. */
export function readUnsubscribe(key: string, token: string): OptOutPayload | null {
  const m = /^([A-Za-z0-9_-]{4,600})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(mac(key, m[1]!));
  const given = Buffer.from(m[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [platformId, userId, kind] = JSON.parse(Buffer.from(m[1]!, "base64url").toString("utf8")) as unknown[];
    if (typeof platformId !== "string" || typeof userId !== "string" || typeof kind !== "string") return null;
    return { platformId, userId, kind };
  } catch {
    return null;
  }
}
