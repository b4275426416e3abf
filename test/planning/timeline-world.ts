import { and, asc, eq, like } from "drizzle-orm";
import type { MoodleClient } from "moodle-ws-client";
import { getMoodleClient } from "../../src/bridge/get-moodle-client.js";
import type { Db } from "../../src/db/client.js";
import {
  appSessions,
  courseGroupMembers,
  courseGroups,
  courseMembers,
  courses,
  notifyDeliveries,
  notifyMessages,
  planningSettings,
  studyClasses,
  timelineSteps,
} from "../../src/db/schema.js";
import { DEFAULT_SLOTS } from "../../src/planning/slots.js";
import type { TimelineDeps } from "../../src/planning/timeline/step-context.js";
import type { ZoomClient } from "../../src/planning/zoom/zoom-client.js";

export const KEY = "test-encryption-key-0123456789-abcdefghij";
/** Saturday 17 October 2026 (Riga, UTC+3): slot 1 is 06:00–09:00 UTC, slot 2 09:45–12:45 UTC. */
export const DATE = "2026-10-17";
/** An instant `days` days (and `hours`) from the study day's 09:00 local time. */
export const dayPlus = (days: number, hours = 0) =>
  new Date(new Date("2026-10-17T06:00:00Z").getTime() + (days * 24 + hours) * 3_600_000);

export interface World {
  courseId: number;
  /** Ilze teaches A (BVK-21, Zoom) and B (BVK-22, Zoom); John teaches C (all groups, a manual link). */
  classes: { a: number; b: number; c: number };
}

/**
 * A study day on platform p1: course BK101 (Moodle id 2) with groups BVK-21 (Anna, Pēteris) and BVK-22 (Emily,
 * who reads English), two lecturers (John reads English) and three online classes.
 */
export async function makeWorld(db: Db, platformId = "p1"): Promise<World> {
  await db
    .insert(planningSettings)
    .values({ platformId, slots: [...DEFAULT_SLOTS], infoCourseRef: "INFO" })
    .onConflictDoNothing();
  const [course] = await db
    .insert(courses)
    .values({ platformId, contextId: "ctx-bk101", label: "BK101", title: "Biznesa komunikācija" })
    .returning();
  const courseId = course!.id;
  const people = [
    { userId: "11", name: "Anna Bērziņa", email: "anna@students.lv" },
    { userId: "12", name: "Pēteris Kalniņš", email: "peteris@students.lv" },
    { userId: "13", name: "Emily Clark", email: "emily@students.lv" },
  ];
  await db.insert(courseMembers).values(people.map((p) => ({ courseId, ...p, isLearner: true, roles: ["Learner"] })));
  await db.insert(courseMembers).values({
    courseId,
    userId: "14",
    name: "Left Student",
    email: "left@students.lv",
    isLearner: true,
    isEnrolled: false,
  });
  const [g21, g22] = await db
    .insert(courseGroups)
    .values([
      { courseId, name: "BVK-21" },
      { courseId, name: "BVK-22" },
    ])
    .returning();
  await db.insert(courseGroupMembers).values([
    { groupId: g21!.id, courseId, userId: "11" },
    { groupId: g21!.id, courseId, userId: "12" },
    { groupId: g22!.id, courseId, userId: "13" },
  ]);
  const session = (userId: string, email: string, locale: string) => ({
    id: `s-${userId}`,
    browserId: `b-${userId}`,
    kind: "resource" as const,
    actor: { platformId, userId, email, locale },
    expiresAt: new Date("2027-01-01T00:00:00Z"),
  });
  await db
    .insert(appSessions)
    .values([session("13", "emily@students.lv", "en"), session("21", "John.Smith@kolegija.lv", "en")]);
  const base = {
    platformId,
    classDate: DATE,
    courseRef: "BK101",
    courseTitle: "Biznesa komunikācija",
    lecturerName: "Ilze Ozoliņa",
    lecturerEmail: "ilze@kolegija.lv",
  };
  const [a, b, c] = await db
    .insert(studyClasses)
    .values([
      {
        ...base,
        naturalKey: "a",
        slotNo: 1,
        startsAt: new Date("2026-10-17T06:00:00Z"),
        endsAt: new Date("2026-10-17T09:00:00Z"),
        groups: "BVK-21",
        meetingId: "85746065431",
        joinUrl: "https://us02web.zoom.us/j/85746065431?pwd=abc",
        passcode: "Xy7@k2Lm",
      },
      {
        ...base,
        naturalKey: "b",
        slotNo: 2,
        startsAt: new Date("2026-10-17T09:45:00Z"),
        endsAt: new Date("2026-10-17T12:45:00Z"),
        groups: "BVK-22",
        meetingId: "85746065432",
        joinUrl: "https://us02web.zoom.us/j/85746065432?pwd=def",
        passcode: "Qw3*z9Rt",
      },
      {
        ...base,
        naturalKey: "c",
        slotNo: 2,
        startsAt: new Date("2026-10-17T09:45:00Z"),
        endsAt: new Date("2026-10-17T12:45:00Z"),
        lecturerName: "John Smith",
        lecturerEmail: "john.smith@kolegija.lv",
        linkMode: "manual",
        manualUrl: "https://meet.kolegija.lv/bk101",
      },
    ])
    .returning();
  return { courseId, classes: { a: a!.id, b: b!.id, c: c!.id } };
}

/** The timeline's dependencies over a test database (and a fake Moodle, when given). */
export function timelineDeps(db: Db, moodle = false, zoom: ZoomClient | null = null): TimelineDeps {
  return {
    db,
    moodle: async (platformId): Promise<MoodleClient | null> =>
      moodle ? getMoodleClient(db, KEY, platformId, { retries: 0 }) : null,
    linkKey: KEY,
    publicUrl: "https://rollbook.kolegija.lv",
    zoom,
  };
}

/** The day's outbox messages (by dedupe key) with their recipients' emails and languages. */
export async function dayMessages(db: Db) {
  const messages = await db
    .select()
    .from(notifyMessages)
    .where(like(notifyMessages.dedupeKey, `studyday:${DATE}:%`))
    .orderBy(asc(notifyMessages.id));
  const out = [];
  for (const m of messages) {
    const ds = await db.select().from(notifyDeliveries).where(eq(notifyDeliveries.messageId, m.id));
    out.push({ ...m, to: ds.map((d) => `${d.email}:${d.locale}`).sort() });
  }
  return out;
}

/** A step's rows of the day: class id -> state (and reason). */
export async function stepStates(db: Db, step: string): Promise<Record<number, string>> {
  const rows = await db
    .select()
    .from(timelineSteps)
    .where(and(eq(timelineSteps.platformId, "p1"), eq(timelineSteps.classDate, DATE), eq(timelineSteps.step, step)));
  return Object.fromEntries(rows.map((r) => [r.classId, r.reasonKey ? `${r.state}:${r.reasonKey}` : r.state]));
}
