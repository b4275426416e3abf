import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { attendanceStatuses } from "../db/schema.js";
import { Invalid, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { markAllUnmarked } from "./mark-all-unmarked.js";
import type { RecordResult } from "./record-marks.js";
import { getSession } from "./session-queries.js";

/** Closes a register: every student still unmarked gets the set's "unmarked at close" status (marked ones keep theirs). */
export async function closeSession(db: Db, actor: Actor, activityId: number, sessionId: number, now: Date): Promise<RecordResult> {
  const session = await getSession(db, activityId, sessionId);
  if (!session) throw NotFound();
  const [status] = await db.select({ id: attendanceStatuses.id }).from(attendanceStatuses).where(and(eq(attendanceStatuses.setId, session.setId), eq(attendanceStatuses.isUnmarkedDefault, true))).limit(1);
  if (!status) throw Invalid("attendance.register.no_unmarked_default");
  return markAllUnmarked(db, actor, activityId, sessionId, status.id, now);
}
