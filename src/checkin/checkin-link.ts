import { createHmac, timingSafeEqual } from "node:crypto";

/** What a check-in link carries: the session and the code shown when it was made. */
export interface LinkPayload {
  sessionId: number;
  code: string;
}

const mac = (key: string, body: string) =>
  createHmac("sha256", `checkin-link:${key}`).update(body).digest("base64url").slice(0, 22);

/**
 * The token in /c/<token>: `<session>.<code>.<mac>` with an HMAC over both (128 bits), so a link edited to
 * another session or code is refused. Short, so the QR stays easy to scan.
 */
export function signLink(key: string, p: LinkPayload): string {
  const body = `${p.sessionId}.${encodeURIComponent(p.code)}`;
  return `${body}.${mac(key, body)}`;
}

/** The payload of a genuine token, or null for anything edited or malformed. */
export function readLink(key: string, token: string): LinkPayload | null {
  const m = /^(\d{1,9})\.([^.]{1,64})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const body = `${m[1]}.${m[2]}`;
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    return { sessionId: Number(m[1]), code: decodeURIComponent(m[2]!) };
  } catch {
    return null;
  }
}

/**
 * The session a link that failed `readLink` claims to be for, so the refusal can go in that session's attempt
 * log; null when not even that can be read. Never trusted for anything else.
 */
export function claimedSessionOf(token: string): number | null {
  const m = /^(\d{1,9})\./.exec(token);
  return m ? Number(m[1]) : null;
}
