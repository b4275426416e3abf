import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { moodleAttendanceLinks } from "../db/schema.js";
import { NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import type { MoodleClientTuning } from "./get-moodle-client.js";
import { moodleFor } from "./import-moodle-attendance.js";
import { listMoodleAttendances } from "./read-moodle-attendance.js";
import { runAttendanceExport, type ExportResult } from "./run-attendance-export.js";

/**
 * Links a Rollbook activity to a mod_attendance activity of the same course (another course's is NotFound) and
 * brings it in step now; the export job keeps it in step afterwards. Repeating it changes only what differs.
 */
export async function exportToMoodleAttendance(
  db: Db,
  key: string,
  actor: Actor,
  activityId: number,
  attendanceId: number,
  now: Date,
  tuning?: MoodleClientTuning,
): Promise<ExportResult> {
  const { client, moodleCourseId, activity } = await moodleFor(db, key, actor, activityId, tuning);
  if (!(await listMoodleAttendances(client, moodleCourseId)).some((a) => a.attendanceId === attendanceId))
    throw NotFound("bridge.import.not_in_course");
  const takenById = actor.moodleUserId || actor.userId;
  const [link] = await db
    .insert(moodleAttendanceLinks)
    .values({ activityId: activity.id, direction: "export", moodleAttendanceId: String(attendanceId), takenById })
    .onConflictDoUpdate({
      target: [
        moodleAttendanceLinks.activityId,
        moodleAttendanceLinks.direction,
        moodleAttendanceLinks.moodleAttendanceId,
      ],
      set: { takenById },
    })
    .returning();
  return runAttendanceExport(
    db,
    client,
    {
      id: link!.id,
      activityId: activity.id,
      moodleAttendanceId: link!.moodleAttendanceId,
      takenById: Number(takenById),
    },
    now,
  );
}

/** The activity's export links with their last results, for the export page. */
export async function listExportLinks(db: Db, activityId: number) {
  const rows = await db.select().from(moodleAttendanceLinks).where(eq(moodleAttendanceLinks.activityId, activityId));
  return rows.filter((r) => r.direction === "export");
}
