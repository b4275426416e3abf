import { and, eq } from "drizzle-orm";
import { createSessions } from "../../src/attendance/sessions/create-sessions.js";
import { closeSession } from "../../src/attendance/sessions/close-session.js";
import { recordMarks } from "../../src/attendance/register/record-marks.js";
import { listStatusSets } from "../../src/attendance/statuses/queries.js";
import type { Db } from "../../src/db/client.js";
import { courseMembers, followupRules, type FollowupConfig } from "../../src/db/schema.js";
import { DEFAULT_CONFIG } from "../../src/followup/index.js";
import { courseFixture, type CourseFixture } from "../attendance/fixtures.js";

/** A course with follow-up: students 4 (Latvian) and 5 (English) with addresses, sessions on the given days. */
export interface FollowupFixture extends CourseFixture {
  sessionIds: number[];
  status: { P: number; L: number; E: number; A: number };
  /** Marks one student in one session (by index) as a lecturer at `at`. */
  mark(userId: string, session: number, status: number, at: Date): Promise<void>;
  close(session: number, at: Date): Promise<void>;
}

export async function followupFixture(
  db: Db,
  days: string[],
  config: Partial<FollowupConfig> = {},
  since = new Date("2026-09-01T00:00:00Z"),
): Promise<FollowupFixture> {
  const c = await courseFixture(db, 2);
  const set = async (userId: string, email: string, locale: "lv" | "en", name: string) =>
    db
      .update(courseMembers)
      .set({ email, locale, name })
      .where(and(eq(courseMembers.courseId, c.courseId), eq(courseMembers.userId, userId)));
  await set("3", "ilze@kolegija.lv", "lv", "Ilze Ozoliņa");
  await set("4", "janis@example.lv", "lv", "Jānis Bērziņš");
  await set("5", "anna@example.lv", "en", "Anna Kalniņa");
  const sessionIds: number[] = [];
  for (const date of days) {
    const [id] = await createSessions(
      db,
      c.lecturer,
      c.activityId,
      { date, startTime: "09:00", endTime: "10:30", description: "", room: null, lecturerUserId: null, groupIds: [] },
      null,
      since,
    );
    sessionIds.push(id!);
  }
  const [statusSet] = await listStatusSets(db, c.activityId);
  const [P, L, E, A] = statusSet!.statuses.map((s) => s.id) as [number, number, number, number];
  await db.insert(followupRules).values({
    activityId: c.activityId,
    config: { ...DEFAULT_CONFIG, ...config },
    createdAt: since,
    updatedBy: "3",
    updatedAt: since,
  });
  return {
    ...c,
    sessionIds,
    status: { P, L, E, A },
    async mark(userId, session, status, at) {
      await recordMarks(
        db,
        c.lecturer,
        c.activityId,
        sessionIds[session]!,
        [{ userId, statusId: status, shownStatusId: null, remark: "", shownRemark: "" }],
        at,
      );
    },
    async close(session, at) {
      await closeSession(db, c.lecturer, c.activityId, sessionIds[session]!, at);
    },
  };
}
