import type { Logger } from "pino";
import { drainOutbox, type DeliveryDeps } from "../notify/index.js";
import type { JobDefinition } from "./registry.js";

/**
 * Every minute, for most of the minute: delivers the outbox (email and Moodle messages). The rows hold the
 * leases, retries and the cap, so a failed run loses nothing (no pg-boss retry). Logs counts, never addresses.
 */
export function notifyDeliverJob(
  deps: DeliveryDeps,
  logger: Logger,
  now: () => Date = () => new Date(),
): JobDefinition {
  return {
    name: "notify-deliver",
    cron: "* * * * *",
    retryLimit: 0,
    async handle() {
      const r = await drainOutbox(deps, now);
      if (r.sent + r.retrying + r.failed + r.skipped > 0) logger.info(r, "outbox delivered");
    },
  };
}
