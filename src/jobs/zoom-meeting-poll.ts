import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { pollMeetings, type ZoomClient } from "../planning/index.js";
import type { JobDefinition } from "./registry.js";

/**
 * Every minute, only when Zoom is configured without a webhook secret: asks Zoom which of the day's meetings run,
 * so the live page shows started / late / ended without webhooks.
 */
export function zoomMeetingPollJob(
  db: Db,
  zoom: ZoomClient,
  logger: Logger,
  now: () => Date = () => new Date(),
): JobDefinition {
  return {
    name: "zoom-meeting-poll",
    cron: "* * * * *",
    retryLimit: 0,
    async handle() {
      const outcome = await pollMeetings(db, zoom, now());
      if (outcome.started || outcome.ended || outcome.failed.length) logger.info(outcome, "zoom meetings polled");
    },
  };
}
