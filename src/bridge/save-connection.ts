import { z } from "zod";
import type { Db } from "../db/client.js";
import { moodleConnections } from "../db/schema.js";
import { Invalid } from "../errors.js";
import { getConnection, type ConnectionRow } from "./queries.js";
import { sealToken, tokenHint } from "./token-crypto.js";

/** The admin's form: Moodle's base URL and, unless only the URL changes, a new token. */
export const saveConnectionSchema = z.object({
  baseUrl: z
    .string()
    .trim()
    .min(1, { error: "bridge.validation.url_required" })
    .pipe(z.url({ protocol: /^https?$/, error: "bridge.validation.url" }))
    .transform((u) => u.replace(/\/+$/, "").replace(/\/(webservice\/rest\/server\.php|login\/index\.php)$/, "")),
  token: z
    .string()
    .trim()
    .max(256, { error: "validation.too_long" })
    .refine((v) => v === "" || /^[A-Za-z0-9_-]{8,}$/.test(v), { error: "bridge.validation.token" }),
});
export type SaveConnectionInput = z.infer<typeof saveConnectionSchema>;

/**
 * Stores (or replaces) a platform's Moodle URL and token, the token sealed with the app key. An empty token keeps
 * the stored one. A new URL or token clears the last check, which no longer says anything about this connection.
 */
export async function saveConnection(
  db: Db,
  encryptionKey: string,
  platformId: string,
  input: SaveConnectionInput,
  by: string,
  now: Date,
): Promise<ConnectionRow> {
  const existing = await getConnection(db, platformId);
  if (!input.token && !existing) throw Invalid("bridge.validation.token_required");
  const sealed = input.token
    ? { tokenSealed: sealToken(encryptionKey, platformId, input.token), tokenHint: tokenHint(input.token) }
    : {};
  const values = {
    baseUrl: input.baseUrl,
    ...sealed,
    updatedBy: by,
    updatedAt: now,
    lastCheck: null,
    lastCheckedAt: null,
  };
  const [row] = await db
    .insert(moodleConnections)
    .values({ platformId, tokenSealed: "", tokenHint: "", ...values })
    .onConflictDoUpdate({ target: moodleConnections.platformId, set: values })
    .returning();
  if (!row) throw new Error("moodle connection upsert returned nothing");
  return row;
}
