import { and, isNotNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { ltiStore } from "../db/schema.js";
import { decryptForLtijs } from "./lti-crypto.js";

/**
 * Whether the key opens what this database already holds (ltijs's encrypted rows). A database made with another
 * key would fail later in the middle of a launch with `bad decrypt`; start-up asks first. An empty database
 * (nothing encrypted yet) opens with any key.
 */
export async function encryptionKeyOpensData(db: Db, key: string): Promise<boolean> {
  const [row] = await db
    .select({ iv: ltiStore.iv, data: ltiStore.data })
    .from(ltiStore)
    .where(and(isNotNull(ltiStore.iv), isNotNull(ltiStore.data)))
    .limit(1);
  if (!row?.iv || !row.data) return true;
  try {
    JSON.parse(decryptForLtijs(row.data, row.iv, key));
    return true;
  } catch {
    return false;
  }
}
