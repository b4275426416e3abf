import { MoodleClient, type MoodleClientOptions } from "moodle-ws-client";
import type { Db } from "../db/client.js";
import { getConnection } from "./queries.js";
import { openToken } from "./token-crypto.js";

/** Client options the app may set (never the URL or token: those come only from the stored connection). */
export type MoodleClientTuning = Omit<MoodleClientOptions, "baseUrl" | "token">;

/**
 * The one way the app reaches a platform's Moodle web services: a client with the stored URL and the opened
 * token, or null when the platform is not connected. The token lives only inside the client (never logged).
 */
export async function getMoodleClient(
  db: Db,
  encryptionKey: string,
  platformId: string,
  tuning: MoodleClientTuning = {},
): Promise<MoodleClient | null> {
  const row = await getConnection(db, platformId);
  if (!row) return null;
  const token = openToken(encryptionKey, platformId, row.tokenSealed);
  return new MoodleClient({ timeoutMs: 20_000, ...tuning, baseUrl: row.baseUrl, token });
}
