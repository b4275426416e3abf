import type { Response } from "express";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { setActor } from "../http/locale.js";
import { claimedSessionOf } from "./checkin-link.js";
import { logAttempt, type RequestFacts } from "./log-attempt.js";
import { getScanContext } from "./queries.js";
import { CheckinRefused } from "./refusal.js";

/**
 * A link whose signature does not match: refused, and written to the attempt log of the session it claims to be
 * for (with the student when this browser has a launch into that activity), so the lecturer sees it.
 */
export async function refuseTampered(
  db: Db,
  req: { token: string; browserId: string; facts: RequestFacts; log: Logger; res: Response },
  at: Date,
): Promise<never> {
  const claimed = claimedSessionOf(req.token);
  const scan = claimed === null ? null : await getScanContext(db, claimed, req.browserId, at);
  if (scan) {
    if (scan.actor) setActor(req.res, scan.actor);
    const attempt = {
      sessionId: scan.context.session.id,
      userId: scan.actor?.userId ?? null,
      outcome: "refused" as const,
      reason: "tampered" as const,
      via: "link" as const,
    };
    await logAttempt(db, attempt, req.facts, at);
  }
  req.log.warn({ token: req.token.slice(0, 80), session: scan?.context.session.id ?? null }, "tampered check-in link");
  throw CheckinRefused("tampered");
}
