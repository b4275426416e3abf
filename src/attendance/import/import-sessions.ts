import type { AttendanceEvents } from "../ports.js";
import type { Db } from "../../db/client.js";
import { attendanceSessionGroups, attendanceSessions } from "../../db/schema.js";
import { listGroups } from "../../groups/index.js";
import type { Actor } from "../../lti/actor.js";
import { slotsFor } from "../sessions/create-sessions.js";
import { defaultSetId } from "../statuses/ensure-status-sets.js";
import { planSessionImport, type ImportProblem } from "./plan-session-import.js";
import { authorize } from "../policy.js";
import { readSessionTable, type ImportSource } from "./read-session-table.js";
import { requireActivity } from "../../activities/index.js";

/** More rows than this in one file is surely a mistake (a term has far fewer sessions). */
export const MAX_IMPORT_ROWS = 1_000;

export type ImportResult = { imported: number; problems: [] } | { imported: 0; problems: ImportProblem[] };

/**
 * Imports sessions from CSV text or a CSV/XLSX file: every row is checked first, and the sessions are saved in one
 * transaction only when no row has a problem; otherwise nothing is saved and every problem is returned.
 */
export async function importSessions(
  db: Db,
  actor: Actor,
  activityId: number,
  source: ImportSource,
  now: Date,
  events: AttendanceEvents,
): Promise<ImportResult> {
  authorize(actor, "attendance.manage");
  const { course } = await requireActivity(db, actor, activityId);
  const rows = await readSessionTable(source, MAX_IMPORT_ROWS + 1);
  if ("messageKey" in rows) return { imported: 0, problems: [rows] };
  if (rows.length > MAX_IMPORT_ROWS + 1)
    return { imported: 0, problems: [{ line: 1, column: "", messageKey: "attendance.import.too_many" }] };
  const groups = await listGroups(db, actor);
  const plan = planSessionImport(rows, new Map(groups.map((g) => [g.name.trim().toLowerCase(), g.id])), actor.locale);
  if (plan.problems.length > 0) return { imported: 0, problems: plan.problems };
  const setId = await defaultSetId(db, activityId);
  const created: number[] = [];
  await db.transaction(async (tx) => {
    for (const s of plan.sessions) {
      const [slot] = slotsFor(s, null, course.timezone);
      const [row] = await tx
        .insert(attendanceSessions)
        .values({
          ...slot!,
          activityId,
          setId,
          description: s.description,
          room: s.room,
          createdBy: actor.userId,
          createdAt: now,
        })
        .returning({ id: attendanceSessions.id });
      if (s.groupIds.length > 0)
        await tx.insert(attendanceSessionGroups).values(s.groupIds.map((groupId) => ({ sessionId: row!.id, groupId })));
      created.push(row!.id);
    }
  });
  // Imported sessions go to the Moodle calendar like those made by hand (queued only when Moodle is connected).
  await events.sessionsChanged(db, actor, created, now);
  return { imported: plan.sessions.length, problems: [] };
}
