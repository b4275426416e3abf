import { and, eq } from "drizzle-orm";
import { createSessions } from "../../src/attendance/sessions/create-sessions.js";
import { closeSession } from "../../src/attendance/sessions/close-session.js";
import { recordMarks } from "../../src/attendance/register/record-marks.js";
import { listStatusSets } from "../../src/attendance/statuses/queries.js";
import type { Db } from "../../src/db/client.js";
import { courseMembers, followupRules, type FollowupConfig } from "../../src/db/schema.js";
import { DEFAULT_CONFIG } from "../../src/followup/index.js";
import type { Actor } from "../../src/lti/actor.js";
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

/**
 * `weeks` weekly sessions of 9:00-10:30 from `firstDay` (its UTC date), each taken and closed 2 h after its start
 * by `actor`: `absent` marked with the set's A and `present` with its P. The at-risk list's plainest case.
 */
export async function markWeeks(
  db: Db,
  actor: Actor,
  activityId: number,
  firstDay: Date,
  weeks: number,
  students: { absent: string; present: string },
): Promise<void> {
  const [set] = await listStatusSets(db, activityId);
  const [P, , , A] = set!.statuses.map((s) => s.id) as [number, number, number, number];
  const mark = (userId: string, statusId: number) => ({
    userId,
    statusId,
    shownStatusId: null,
    remark: "",
    shownRemark: "",
  });
  for (let i = 0; i < weeks; i++) {
    const start = new Date(firstDay.getTime() + i * 7 * 86_400_000);
    const input = {
      date: start.toISOString().slice(0, 10),
      startTime: "09:00",
      endTime: "10:30",
      description: "",
      room: null,
      lecturerUserId: null,
      groupIds: [],
    };
    const [sid] = await createSessions(db, actor, activityId, input, null, new Date("2026-09-01T00:00:00Z"));
    const at = new Date(start.getTime() + 2 * 3_600_000);
    await recordMarks(db, actor, activityId, sid!, [mark(students.absent, A), mark(students.present, P)], at);
    await closeSession(db, actor, activityId, sid!, at);
  }
}
