import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { rowsOf } from "../../db/rows.js";
import {
  courseGroupMembers,
  courseGroups,
  courseMembers,
  courses,
  lecturerCounts,
  lecturerReplies,
  notifyDeliveries,
  studyClasses,
  studyDayAutomation,
  timelineSettings,
  timelineSteps,
} from "../../db/schema.js";
import type { Locale } from "../../lti/actor.js";
import { classGroupNames } from "../class-audience.js";
import { getPlanningSettings } from "../queries.js";
import { defaultHolidays } from "./holidays.js";
import { DEFAULT_TIMELINE_SETTINGS, type TimelineSettings } from "./study-day-timeline.js";

export type TimelineStepRow = typeof timelineSteps.$inferSelect;
type Reader = Pick<Db, "select">;

/** The platform's timeline settings (defaults filled in), its holiday list around a date, and its zone. */
export async function getTimelineConfig(db: Db, platformId: string, date: string) {
  const [row] = await db.select().from(timelineSettings).where(eq(timelineSettings.platformId, platformId));
  const { timezone } = await getPlanningSettings(db, platformId);
  const settings = { ...DEFAULT_TIMELINE_SETTINGS, ...(row?.offsets ?? {}) } as TimelineSettings;
  const holidays = row?.holidays ? new Set(row.holidays) : defaultHolidays(date);
  const cleanup = {
    announcement: row?.cleanupAnnouncement ?? "delete",
    deletesMeetings: row?.cleanupDeletesMeetings ?? false,
  };
  return { settings, holidays, zone: timezone, cleanup };
}

/** The study days (platform, date) near `now` that the timeline job looks at: a month either side. */
export async function listActiveDays(db: Db, now: Date): Promise<Array<{ platformId: string; classDate: string }>> {
  const day = (ms: number) => new Date(now.getTime() + ms).toISOString().slice(0, 10);
  return db
    .selectDistinct({ platformId: studyClasses.platformId, classDate: studyClasses.classDate })
    .from(studyClasses)
    .where(and(gte(studyClasses.classDate, day(-31 * 86_400_000)), lte(studyClasses.classDate, day(31 * 86_400_000))))
    .orderBy(asc(studyClasses.classDate), asc(studyClasses.platformId));
}

/** Every step row of one study day. */
export async function listStepRows(db: Reader, platformId: string, date: string): Promise<TimelineStepRow[]> {
  return db
    .select()
    .from(timelineSteps)
    .where(and(eq(timelineSteps.platformId, platformId), eq(timelineSteps.classDate, date)))
    .orderBy(asc(timelineSteps.step), asc(timelineSteps.classId));
}

/** Whether a coordinator paused the automation of a day. */
export async function isDayPaused(db: Reader, platformId: string, date: string): Promise<boolean> {
  const [row] = await db
    .select({ isPaused: studyDayAutomation.isPaused })
    .from(studyDayAutomation)
    .where(and(eq(studyDayAutomation.platformId, platformId), eq(studyDayAutomation.classDate, date)));
  return row?.isPaused ?? false;
}

/** The Rollbook course a class belongs to: by Moodle course id, context id, or short name (the LTI context label). */
export async function getClassCourse(
  db: Reader,
  platformId: string,
  c: { moodleCourseId: string | null; courseRef: string },
) {
  const ref = c.courseRef.trim().toLowerCase();
  const [row] = await db
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(
      and(
        eq(courses.platformId, platformId),
        sql`(${courses.contextId} = ${c.moodleCourseId ?? ""} or ${courses.contextId} = ${c.courseRef} or lower(${courses.label}) = ${ref})`,
      ),
    )
    .orderBy(asc(courses.id))
    .limit(1);
  return row ?? null;
}

/** A student a class's reminder goes to. */
export interface Student {
  userId: string;
  name: string;
  email: string | null;
}

/**
 * The enrolled students of a course who are in a class's audience: everyone when the class names no group the course
 * knows, else the members of its known groups (the rule of isForAudience, done for the whole roster at once).
 */
export async function listClassStudents(db: Reader, courseId: number, groups: string): Promise<Student[]> {
  const students = await db
    .select({ userId: courseMembers.userId, name: courseMembers.name, email: courseMembers.email })
    .from(courseMembers)
    .where(
      and(eq(courseMembers.courseId, courseId), eq(courseMembers.isLearner, true), eq(courseMembers.isEnrolled, true)),
    )
    .orderBy(asc(courseMembers.userId));
  const known = await db
    .select({ id: courseGroups.id, name: courseGroups.name })
    .from(courseGroups)
    .where(eq(courseGroups.courseId, courseId));
  const wanted = new Set(classGroupNames(groups));
  const ids = known.filter((g) => wanted.has(g.name.trim().toLowerCase())).map((g) => g.id);
  if (ids.length === 0) return students;
  const members = await db
    .select({ userId: courseGroupMembers.userId })
    .from(courseGroupMembers)
    .where(inArray(courseGroupMembers.groupId, ids));
  const inGroups = new Set(members.map((m) => m.userId));
  return students.filter((s) => inGroups.has(s.userId));
}

/** The language each person last used Rollbook in on the platform (from their launches), by user id and by email. */
export async function listKnownLocales(db: Db, platformId: string): Promise<Map<string, Locale>> {
  const rows = await db.execute(sql`
    select distinct on (actor->>'userId') actor->>'userId' as user_id, lower(actor->>'email') as email, actor->>'locale' as locale
    from app_sessions where actor->>'platformId' = ${platformId}
    order by actor->>'userId', created_at desc`);
  const list = rowsOf<{ user_id: string | null; email: string | null; locale: string }>(rows);
  const map = new Map<string, Locale>();
  for (const r of list) {
    const locale: Locale = r.locale === "en" ? "en" : "lv";
    if (r.user_id) map.set(r.user_id, locale);
    if (r.email) map.set(r.email, locale);
  }
  return map;
}

/** How the outbox messages of a day's steps are doing: deliveries per state, per message id. */
export async function countDeliveries(db: Reader, messageIds: number[]): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>();
  if (messageIds.length === 0) return out;
  const rows = await db
    .select({ messageId: notifyDeliveries.messageId, state: notifyDeliveries.state, n: sql<number>`count(*)::int` })
    .from(notifyDeliveries)
    .where(inArray(notifyDeliveries.messageId, messageIds))
    .groupBy(notifyDeliveries.messageId, notifyDeliveries.state);
  for (const r of rows) {
    const m = out.get(r.messageId) ?? {};
    m[r.state] = Number(r.n);
    out.set(r.messageId, m);
  }
  return out;
}

/** The lecturers' answers for a day, by email (lower case). */
export async function listLecturerReplies(db: Reader, platformId: string, date: string) {
  const rows = await db
    .select()
    .from(lecturerReplies)
    .where(and(eq(lecturerReplies.platformId, platformId), eq(lecturerReplies.classDate, date)));
  return new Map(rows.map((r) => [r.email, r]));
}

/** Every step row of the platform's days, for the summary lines on the study-day list. */
export async function listPlatformStepRows(db: Reader, platformId: string): Promise<TimelineStepRow[]> {
  return db.select().from(timelineSteps).where(eq(timelineSteps.platformId, platformId));
}

/** The attendee counts lecturers entered for a day, by class id. */
export async function listLecturerCounts(db: Reader, platformId: string, date: string) {
  const rows = await db
    .select()
    .from(lecturerCounts)
    .where(and(eq(lecturerCounts.platformId, platformId), eq(lecturerCounts.classDate, date)));
  return new Map(rows.map((r) => [r.classId, r]));
}
