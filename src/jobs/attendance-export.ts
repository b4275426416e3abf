import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import { getMoodleClient } from "../bridge/index.js";
import { runAttendanceExport } from "../bridge/index.js";
import type { Db } from "../db/client.js";
import { eachPlatformSideBySide } from "../ops/per-platform.js";
import { activities, courses, moodleAttendanceLinks } from "../db/schema.js";
import type { JobDefinition } from "./registry.js";

/**
 * Every 15 minutes: brings each linked mod_attendance activity in step with its Rollbook activity (new sessions,
 * changed ones, marks). A run that Moodle interrupted is simply run again; its failure stays on the link for the page.
 * Each platform's links run one after another and the platforms side by side: a Moodle that hangs (until the
 * platform timeout) holds up only its own links.
 */
export function attendanceExportJob(deps: {
  db: Db;
  encryptionKey: string;
  logger: Logger;
  now: () => Date;
}): JobDefinition {
  return {
    name: "bridge-attendance-export",
    cron: "*/15 * * * *",
    retryLimit: 0,
    async handle() {
      const links = await deps.db
        .select({ link: moodleAttendanceLinks, platformId: courses.platformId })
        .from(moodleAttendanceLinks)
        .innerJoin(activities, eq(activities.id, moodleAttendanceLinks.activityId))
        .innerJoin(courses, eq(courses.id, activities.courseId))
        .where(eq(moodleAttendanceLinks.direction, "export"));
      const lanes = await eachPlatformSideBySide(
        links,
        (l) => l.platformId,
        async ({ link, platformId }) => {
          const client = await getMoodleClient(deps.db, deps.encryptionKey, platformId);
          if (!client || !link.takenById) return;
          const result = await runAttendanceExport(
            deps.db,
            client,
            {
              id: link.id,
              activityId: link.activityId,
              moodleAttendanceId: link.moodleAttendanceId,
              takenById: Number(link.takenById),
            },
            deps.now(),
          );
          deps.logger.info(
            {
              linkId: link.id,
              added: result.added,
              removed: result.removed,
              marks: result.marks,
              failure: result.failure?.key,
            },
            "mod_attendance export run",
          );
        },
      );
      for (const lane of lanes)
        if (lane.error)
          deps.logger.warn({ err: lane.error, platformId: lane.platformId }, "mod_attendance export stopped");
    },
  };
}
