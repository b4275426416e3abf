import type { Db } from "../../db/client.js";
import { listSessions } from "../sessions/queries.js";
import { isExpected } from "./build-report.js";
import { getReportStudent, listOwnMarks } from "./queries.js";

/** A session a student is expected at (or already marked in), as another feature lists it for them. */
export interface ExpectedSession {
  id: number;
  setId: number;
  startsAt: Date;
  endsAt: Date;
  description: string;
  room: string | null;
  /** The student's mark in it now, if any. */
  statusId: number | null;
}

/**
 * The activity's sessions one learner of the course belongs at, by the report's own rule (the session's groups,
 * enrolled when it started) or is marked in, in time order. Excuse requests offer and accept only these.
 */
export async function listExpectedSessions(
  db: Db,
  courseId: number,
  activityId: number,
  userId: string,
): Promise<ExpectedSession[]> {
  const [student, sessions, marks] = await Promise.all([
    getReportStudent(db, courseId, userId),
    listSessions(db, activityId),
    listOwnMarks(db, activityId, userId),
  ]);
  if (!student) return [];
  return sessions
    .filter((s) => marks.has(s.id) || isExpected(student, { ...s, groupIds: s.groups.map((g) => g.id) }))
    .map((s) => ({
      id: s.id,
      setId: s.setId,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      description: s.description,
      room: s.room,
      statusId: marks.get(s.id)?.statusId ?? null,
    }));
}
