import { and, asc, eq, isNull, lt, lte } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { activities, attendanceSessions, courses } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { Actor } from "../../lti/actor.js";
import { closeRegister } from "./close-session.js";

/** The marker of automatic marks: not a person, so no name in the register or the history. */
export const SYSTEM_USER_ID = "";

export interface CloseEndedResult {
  closed: number;
  marked: number;
  /** Sessions whose set has no "unmarked at close" status: stamped closed, nobody marked. */
  withoutDefault: number;
}

/** The acting identity of the automatic close: the course's own, limited to what its scoping needs. */
function systemActor(course: typeof courses.$inferSelect, activityId: number): Actor {
  return {
    platformId: course.platformId,
    issuer: "",
    clientId: "",
    deploymentId: "",
    courseId: course.id,
    contextId: course.contextId,
    courseTitle: course.title,
    courseLabel: course.label,
    activityId,
    resourceLinkId: null,
    userId: SYSTEM_USER_ID,
    moodleUserId: "",
    name: "",
    email: null,
    roles: [],
    isLecturer: false,
    isStudent: false,
    isAdmin: false,
    locale: "lv",
    returnUrl: null,
  };
}

/**
 * Closes every session that has ended and is not closed yet (oldest first, up to `limit` a run): students
 * still unmarked get the set's "unmarked at close" status as `auto` marks, their grades are queued, and the
 * session is stamped closed so no later run touches it again. A session created after its end (a series
 * entered mid-term, a lecturer catching up) is never closed here: nobody could have checked in, so marking
 * everyone absent would be false; its register waits for the lecturer.
 */
export async function closeEndedSessions(db: Db, now: Date, limit = 100): Promise<CloseEndedResult> {
  const due = await db
    .select({ id: attendanceSessions.id, activityId: attendanceSessions.activityId, course: courses })
    .from(attendanceSessions)
    .innerJoin(activities, eq(activities.id, attendanceSessions.activityId))
    .innerJoin(courses, eq(courses.id, activities.courseId))
    .where(
      and(
        isNull(attendanceSessions.closedAt),
        lte(attendanceSessions.endsAt, now),
        lt(attendanceSessions.createdAt, attendanceSessions.endsAt),
      ),
    )
    .orderBy(asc(attendanceSessions.endsAt))
    .limit(limit);
  const result: CloseEndedResult = { closed: 0, marked: 0, withoutDefault: 0 };
  for (const s of due) {
    try {
      result.marked += (
        await closeRegister(db, systemActor(s.course, s.activityId), s.activityId, s.id, now, "auto")
      ).changed;
    } catch (err) {
      if (!(err instanceof AppError && err.messageKey === "attendance.register.no_unmarked_default")) throw err;
      result.withoutDefault++;
      await db.update(attendanceSessions).set({ closedAt: now }).where(eq(attendanceSessions.id, s.id));
    }
    result.closed++;
  }
  return result;
}
