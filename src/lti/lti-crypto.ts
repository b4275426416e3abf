import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** ltijs's at-rest encryption of keys and access tokens: AES-256-CBC, key = SHA-256 of the secret, hex iv and data. */
export function encryptForLtijs(plain: string, secret: string): { iv: string; data: string } {
  const key = createHash("sha256").update(secret).digest().subarray(0, 32);
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return { iv: iv.toString("hex"), data: data.toString("hex") };
}

/** Reverses encryptForLtijs; throws on a wrong secret (bad padding). */
export function decryptForLtijs(data: string, iv: string, secret: string): string {
  const key = createHash("sha256").update(secret).digest().subarray(0, 32);
  const decipher = createDecipheriv("aes-256-cbc", key, Buffer.from(iv, "hex"));
  return Buffer.concat([decipher.update(Buffer.from(data, "hex")), decipher.final()]).toString("utf8");
}
