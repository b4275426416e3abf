import { createHmac, timingSafeEqual } from "node:crypto";

/** What a check-in link carries: the session and the code shown when it was made. */
export interface LinkPayload {
  sessionId: number;
  code: string;
}

const mac = (key: string, body: string) =>
  createHmac("sha256", `checkin-link:${key}`).update(body).digest("base64url").slice(0, 22);

/**
 * The code as it travels in the link: base64url of its NFC UTF-8 bytes, so a space or "ī" survives every hop
 * (Express decodes percent-escapes in route params before we see them, which broke an HMAC over the escaped
 * form). Rotating codes (6 digits) stay 8 characters.
 */
const encodeCode = (code: string) => Buffer.from(code.normalize("NFC"), "utf8").toString("base64url");

/**
 * The token in /c/<token>: `<session>.<code>.<mac>` with an HMAC over both (128 bits), so a link edited to
 * another session or code is refused. Short, so the QR stays easy to scan. Round-trips any password the
 * settings form accepts (up to 40 characters of any script).
 */
export function signLink(key: string, p: LinkPayload): string {
  const body = `${p.sessionId}.${encodeCode(p.code)}`;
  return `${body}.${mac(key, body)}`;
}

/** The payload of a genuine token, or null for anything edited or malformed. */
export function readLink(key: string, token: string): LinkPayload | null {
  const m = /^(\d{1,9})\.([A-Za-z0-9_-]{1,240})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const body = `${m[1]}.${m[2]}`;
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const code = Buffer.from(m[2]!, "base64url").toString("utf8");
  if (encodeCode(code) !== m[2]) return null;
  return { sessionId: Number(m[1]), code };
}

/**
 * The session a link that failed `readLink` claims to be for, so the refusal can go in that session's attempt
 * log; null when not even that can be read. Never trusted for anything else.
 */
export function claimedSessionOf(token: string): number | null {
  const m = /^(\d{1,9})\./.exec(token);
  return m ? Number(m[1]) : null;
}
