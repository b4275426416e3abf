import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { moodleConnections } from "../db/schema.js";
import { Conflict } from "../errors.js";
import { checkConnection, type ConnectionReport } from "./check-connection.js";
import { getMoodleClient, type MoodleClientTuning } from "./get-moodle-client.js";

/**
 * Checks a platform's stored connection (see checkConnection) and keeps the report with it, so the admin page
 * shows the last result. Not connected is a Conflict with an actionable message.
 */
export async function runConnectionCheck(
  db: Db,
  encryptionKey: string,
  platformId: string,
  opts: { moodleCourseId: number | null; now: Date; tuning?: MoodleClientTuning },
): Promise<ConnectionReport> {
  const client = await getMoodleClient(db, encryptionKey, platformId, {
    retries: 0,
    timeoutMs: 15_000,
    ...opts.tuning,
  });
  if (!client) throw Conflict("bridge.not_connected");
  const report = await checkConnection(client, opts.moodleCourseId, opts.now);
  await db
    .update(moodleConnections)
    .set({ lastCheck: report, lastCheckedAt: opts.now })
    .where(eq(moodleConnections.platformId, platformId));
  return report;
}
