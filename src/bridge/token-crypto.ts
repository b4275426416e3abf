import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const INFO = "rollbook moodle web-service token v1";

/** A 32-byte AES key of its own for tokens, derived (HKDF-SHA256) from the app's encryption key. */
function tokenKey(encryptionKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", encryptionKey, "rollbook", INFO, 32));
}

/**
 * Seals a web-service token with AES-256-GCM. The platform id is the associated data, so a sealed token
 * copied to another platform's row does not open. Output: `v1.iv.tag.ciphertext` (base64url).
 */
export function sealToken(encryptionKey: string, platformId: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", tokenKey(encryptionKey), iv);
  cipher.setAAD(Buffer.from(platformId, "utf8"));
  const data = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** Opens a sealed token; throws when the key, the platform or the ciphertext is not the one it was sealed with. */
export function openToken(encryptionKey: string, platformId: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("sealed token: unknown format");
  const decipher = createDecipheriv("aes-256-gcm", tokenKey(encryptionKey), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(platformId, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** What may be shown of a token: its last 4 characters. */
export function tokenHint(token: string): string {
  return token.length > 8 ? token.slice(-4) : "";
}
