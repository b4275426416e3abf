import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { evaluateFollowup } from "../followup/index.js";
import type { JobDefinition } from "./registry.js";

/**
 * Every minute: evaluates the follow-up rules of the activities where a mark changed, a session closed or a
 * warning's delay ended, and queues the warnings through the outbox. Idempotent (fact keys), so no retry.
 */
export function followupEvaluateJob(db: Db, logger: Logger, now: () => Date = () => new Date()): JobDefinition {
  return {
    name: "followup-evaluate",
    cron: "* * * * *",
    retryLimit: 0,
    async handle() {
      const r = await evaluateFollowup(db, now());
      if (r.warned > 0) logger.info(r, "follow-up warnings queued");
    },
  };
}
