import type { Db } from "../db/client.js";
import { admissionRefusal } from "./checkin-guards.js";
import { logAttempt, type RequestFacts } from "./log-attempt.js";
import { savePendingCheckin } from "./pending-checkin.js";
import type { CheckinContext } from "./queries.js";
import { CheckinRefused } from "./refusal.js";

/**
 * A scan from a browser with no launch into the activity: the window and the code must be good now (the same
 * guards as checkIn), then the scan waits for this browser's Moodle login, where checkIn finishes it with the
 * student's identity. A refusal is logged without a student and throws CheckinRefused.
 */
export async function holdCheckin(
  db: Db,
  ctx: CheckinContext,
  browserId: string,
  code: string,
  at: Date,
  facts: RequestFacts,
): Promise<void> {
  const refusal = await admissionRefusal(db, ctx, code, at, facts.ip);
  if (refusal) {
    await logAttempt(
      db,
      { sessionId: ctx.session.id, userId: null, outcome: "refused", reason: refusal, via: "link" },
      facts,
      at,
    );
    throw CheckinRefused(refusal);
  }
  await savePendingCheckin(db, browserId, {
    activityId: ctx.activity.id,
    sessionId: ctx.session.id,
    code,
    scannedAt: at,
  });
}
