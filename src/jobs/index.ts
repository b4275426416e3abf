import type { PgBoss } from "pg-boss";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import type { Lti } from "../lti/provider.js";
import { attendanceCloseSessionsJob } from "./attendance-close-sessions.js";
import { attendanceExportJob } from "./attendance-export.js";
import { attendanceGradesJob } from "./attendance-grades.js";
import { followupEvaluateJob } from "./followup-evaluate.js";
import { housekeepingJob } from "./housekeeping.js";
import { notifyDeliverJob } from "./notify-deliver.js";
import type { JobDefinition } from "./registry.js";
import { sessionCalendarDispatchJob, sessionCalendarJob } from "./session-calendar.js";
import { studyDayTimelineJob } from "./study-day-timeline.js";
import { zoomMeetingPollJob } from "./zoom-meeting-poll.js";
import { getMoodleClient } from "../bridge/index.js";
import type { ZoomClient } from "../planning/index.js";

export { createBoss } from "./boss.js";
export { startJobs, type JobDefinition } from "./registry.js";

/** What the worker's jobs need from the process that runs them. */
export interface WorkerDeps {
  db: Db;
  encryptionKey: string;
  logger: Logger;
  lti: () => Lti;
  boss: PgBoss;
  /** How the outbox delivers (SMTP or .eml files, Moodle, the rate cap). */
  delivery: Parameters<typeof notifyDeliverJob>[0];
  /** Zoom's API for the study days' participants reports; null when Zoom is not configured. */
  zoom?: ZoomClient | null;
  /** True when Zoom's webhooks are configured (ZOOM_WEBHOOK_SECRET); without them the worker polls Zoom instead. */
  zoomWebhooks?: boolean;
  /** Purges expired sessions, ltijs rows and old attempt logs (the web app's own housekeeping). */
  housekeeping(): Promise<unknown>;
}

/** Every background job of Rollbook, in one list: the worker starts exactly these. */
export function workerJobs(deps: WorkerDeps): JobDefinition[] {
  const calendar = { db: deps.db, encryptionKey: deps.encryptionKey, logger: deps.logger, now: () => new Date() };
  return [
    housekeepingJob(deps),
    attendanceGradesJob(deps.db, deps.lti),
    attendanceCloseSessionsJob(deps.db),
    sessionCalendarJob(calendar),
    attendanceExportJob(calendar),
    sessionCalendarDispatchJob({ ...calendar, send: (name, data, options) => deps.boss.send(name, data, options) }),
    notifyDeliverJob(deps.delivery, deps.logger),
    followupEvaluateJob(deps.db, deps.logger),
    studyDayTimelineJob(
      {
        db: deps.db,
        moodle: (platformId) => getMoodleClient(deps.db, deps.encryptionKey, platformId),
        linkKey: deps.encryptionKey,
        publicUrl: deps.delivery.publicUrl,
        zoom: deps.zoom ?? null,
      },
      deps.logger,
    ),
    ...(deps.zoom && !deps.zoomWebhooks ? [zoomMeetingPollJob(deps.db, deps.zoom, deps.logger)] : []),
  ];
}
