import { randomBytes } from "node:crypto";
import { defaultSetId } from "../../src/attendance/statuses/ensure-status-sets.js";
import { newCheckinSecret } from "../../src/checkin/rotating-code.js";
import { newBrowserId } from "../../src/http/browser-id.js";
import type { Db } from "../../src/db/client.js";
import {
  activities,
  appSessions,
  attendanceSessionGroups,
  attendanceSessions,
  checkinSettings,
  courseGroupMembers,
  courseGroups,
  courseMembers,
  courses,
} from "../../src/db/schema.js";
import type { Actor } from "../../src/lti/actor.js";

/** startTestApp's encryption key, which signs browser ids and check-in links. */
const TEST_KEY = "test-encryption-key-0123456789-abcdefghij";

/** One student of the bench: the cookie of a phone that has a tool session, and the session they check in to. */
export interface BenchStudent {
  cookie: string;
  sessionId: number;
}

export interface BenchScenario {
  students: BenchStudent[];
  sessions: { id: number; secret: string }[];
  course: { id: number; contextId: string; title: string };
  activityId: number;
  setId: number;
}

const chunks = <T>(xs: T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/**
 * A course with `sessions` sessions open now (rotating QR, 10 s), each for a group of `perSession` students
 * (no groups when there is one session), and one signed-in phone per student (an app session row).
 */
export async function createScenario(
  db: Db,
  name: string,
  sessions: number,
  perSession: number,
  now: Date,
  key = TEST_KEY,
): Promise<BenchScenario> {
  const [course] = await db
    .insert(courses)
    .values({ platformId: "bench", contextId: `${name}-${now.getTime()}`, title: name })
    .returning();
  const [activity] = await db
    .insert(activities)
    .values({
      courseId: course!.id,
      linkKey: `bench-${name}-${now.getTime()}`,
      resourceLinkId: `rl-${name}`,
      title: "Apmeklējums",
    })
    .returning();
  const setId = await defaultSetId(db, activity!.id);
  const userIds = Array.from({ length: sessions * perSession }, (_, i) => `s${i}`);
  for (const part of chunks(userIds, 1000))
    await db
      .insert(courseMembers)
      .values(
        part.map((userId) => ({ courseId: course!.id, userId, name: userId, isLearner: true, roles: ["Learner"] })),
      );
  const made: { id: number; secret: string }[] = [];
  const students: BenchStudent[] = [];
  for (let s = 0; s < sessions; s++) {
    const [session] = await db
      .insert(attendanceSessions)
      .values({
        activityId: activity!.id,
        setId,
        startsAt: new Date(now.getTime() - 5 * 60_000),
        endsAt: new Date(now.getTime() + 85 * 60_000),
      })
      .returning();
    const secret = newCheckinSecret();
    await db
      .insert(checkinSettings)
      .values({ sessionId: session!.id, isEnabled: true, method: "rotating_qr", password: "unused", secret });
    made.push({ id: session!.id, secret });
    const members = userIds.slice(s * perSession, (s + 1) * perSession);
    if (sessions > 1) {
      const [group] = await db
        .insert(courseGroups)
        .values({ courseId: course!.id, name: `G${s}` })
        .returning();
      await db
        .insert(courseGroupMembers)
        .values(members.map((userId) => ({ groupId: group!.id, courseId: course!.id, userId })));
      await db.insert(attendanceSessionGroups).values({ sessionId: session!.id, groupId: group!.id });
    }
    const rows = members.map((userId) => ({ userId, browserId: newBrowserId(key) }));
    await db.insert(appSessions).values(
      rows.map((r) => ({
        id: randomBytes(24).toString("base64url"),
        browserId: r.browserId,
        kind: "resource" as const,
        activityId: activity!.id,
        actor: actorOf(course!, activity!.id, r.userId),
        createdAt: now,
        expiresAt: new Date(now.getTime() + 3600_000),
      })),
    );
    students.push(
      ...rows.map((r) => ({
        cookie: `rb_browser=${r.browserId}; rb_device=dev-${r.browserId.slice(0, 20)}`,
        sessionId: session!.id,
      })),
    );
  }
  return { students, sessions: made, course: course!, activityId: activity!.id, setId };
}

/** A lecturer's signed-in browser in the scenario's activity: the cookie to send. */
export async function lecturerBrowser(db: Db, scenario: BenchScenario, now: Date, key = TEST_KEY): Promise<string> {
  const browserId = newBrowserId(key);
  const actor: Actor = {
    ...actorOf(scenario.course, scenario.activityId, "lecturer-1"),
    roles: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"],
    isLecturer: true,
    isStudent: false,
  };
  await db.insert(appSessions).values({
    id: randomBytes(24).toString("base64url"),
    browserId,
    kind: "resource" as const,
    activityId: scenario.activityId,
    actor,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3600_000),
  });
  return `rb_browser=${browserId}`;
}

function actorOf(course: { id: number; contextId: string; title: string }, activityId: number, userId: string): Actor {
  return {
    platformId: "bench",
    issuer: "https://moodle.bench",
    clientId: "c",
    deploymentId: "1",
    courseId: course.id,
    contextId: course.contextId,
    courseTitle: course.title,
    courseLabel: course.title,
    activityId,
    resourceLinkId: "rl",
    userId,
    moodleUserId: userId,
    name: userId,
    email: null,
    roles: [],
    isLecturer: false,
    isStudent: true,
    isAdmin: false,
    locale: "en",
    returnUrl: null,
  };
}
