import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Env } from "./env.js";

/**
 * The key that encrypts ltijs's keys and tokens and signs cookies. From ENCRYPTION_KEY when set (required in
 * production); otherwise made on first start and kept in DATA_DIR/encryption.key (mode 600), never in the repo.
 */
export function resolveEncryptionKey(env: Env): string {
  if (env.ENCRYPTION_KEY) return env.ENCRYPTION_KEY;
  if (env.NODE_ENV === "production")
    throw new Error("ENCRYPTION_KEY must be set in production (at least 32 characters)");
  const file = join(env.DATA_DIR, "encryption.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const key = randomBytes(32).toString("base64url");
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** Where the key came from, for messages (never the key itself). */
export function encryptionKeySource(env: Env): string {
  return env.ENCRYPTION_KEY ? "ENCRYPTION_KEY" : join(env.DATA_DIR, "encryption.key");
}
