import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { moodleGroupSyncs } from "../db/schema.js";
import { getMoodleClient, type MoodleClientTuning } from "./get-moodle-client.js";
import { queueSessionCalendar } from "./queue-session-calendar.js";
import { syncCourseGroups, type GroupSyncOutcome, type SyncCourse } from "./sync-course-groups.js";

/** The course with its platform, as a launch or a page knows it. */
export interface GroupsCourse extends SyncCourse {
  platformId: string;
}

/**
 * Syncs a course's Moodle groups through the platform's stored connection; null when the platform is not
 * connected (the lecturer keeps the tool's own groups). Sessions that lost a removed group get their calendar
 * events queued to follow.
 */
export async function refreshCourseGroups(
  db: Db,
  encryptionKey: string,
  course: GroupsCourse,
  now: Date,
  tuning?: MoodleClientTuning,
): Promise<GroupSyncOutcome | null> {
  const client = await getMoodleClient(db, encryptionKey, course.platformId, tuning);
  if (!client) return null;
  const outcome = await syncCourseGroups(db, client, course, now);
  await queueSessionCalendar(
    db,
    { platformId: course.platformId, courseId: course.id },
    outcome.affectedSessionIds,
    now,
  );
  return outcome;
}

/** True when the course's groups were last tried longer ago than `maxAgeMinutes` (or never). */
export function isGroupSyncDue(lastAttemptAt: Date | null | undefined, maxAgeMinutes: number, now: Date): boolean {
  return !lastAttemptAt || now.getTime() - lastAttemptAt.getTime() >= maxAgeMinutes * 60_000;
}

/** What a launch needs to refresh groups behind the page. */
export interface LaunchGroupsDeps {
  db: Db;
  encryptionKey: string;
  logger: Logger;
  groupsMaxAgeMinutes: number;
}

/** On launch: syncs the course's groups when they are stale; never throws (the launch must not fail for Moodle). */
export async function refreshGroupsOnLaunch(deps: LaunchGroupsDeps, course: GroupsCourse, now: Date): Promise<void> {
  try {
    const [last] = await deps.db
      .select({ at: moodleGroupSyncs.attemptedAt })
      .from(moodleGroupSyncs)
      .where(eq(moodleGroupSyncs.courseId, course.id));
    if (!isGroupSyncDue(last?.at, deps.groupsMaxAgeMinutes, now)) return;
    const outcome = await refreshCourseGroups(deps.db, deps.encryptionKey, course, now);
    if (outcome)
      deps.logger.info(
        { courseId: course.id, groups: outcome.groups, removed: outcome.removed, problem: outcome.problem?.key },
        "moodle groups synced on launch",
      );
  } catch (err) {
    deps.logger.warn({ err, courseId: course.id }, "moodle groups sync failed");
  }
}
