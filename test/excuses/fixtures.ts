import { expect } from "chai";
import { eq } from "drizzle-orm";
import request from "supertest";
import { createSessions } from "../../src/attendance/sessions/create-sessions.js";
import { listStatusSets } from "../../src/attendance/statuses/queries.js";
import { activities, courses } from "../../src/db/schema.js";
import type { Actor } from "../../src/lti/actor.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import type { TestApp } from "../support/test-app.js";

/** Monday 2 November 2026, 12:00 in Riga: the suites' clock. */
export const NOW = new Date("2026-11-02T10:00:00Z");

export interface Launched {
  agent: ReturnType<typeof request.agent>;
  activityId: number;
}

/** A real LTI launch into BK101 as the lecturer (user 3), Jānis (4) or Anna (5), in the given language. */
export async function launchAs(
  t: TestApp,
  moodle: TestPlatform,
  kind: "instructor" | "learner",
  locale: "lv" | "en",
  sub?: string,
): Promise<Launched> {
  const agent = request.agent(t.baseUrl);
  const overrides = {
    "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale },
    ...(sub ? { sub } : {}),
  };
  const launch = await launchTool(agent, moodle, { kind, overrides });
  expect(launch.response.status, launch.response.text).to.equal(302);
  const session = await launch.follow();
  expect(session.status, session.text).to.equal(303);
  return { agent, activityId: Number(/\/activities\/(\d+)/.exec(session.headers.location as string)![1]) };
}

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

/** The lecturer as an actor straight from the database (for seeding sessions and marks). */
export async function lecturerActor(t: TestApp, activityId: number): Promise<Actor> {
  const db = t.database.db;
  const [activity] = await db.select().from(activities).where(eq(activities.id, activityId));
  const [course] = await db.select().from(courses).where(eq(courses.id, activity!.courseId));
  return {
    platformId: course!.platformId,
    courseId: course!.id,
    activityId,
    userId: "3",
    name: "Ilze Ozoliņa",
    isLecturer: true,
    isStudent: false,
    isAdmin: false,
    locale: "lv",
  } as Actor;
}

/** A 9:00-10:30 session on a day (Riga), made as the lecturer; its id. */
export async function addSession(t: TestApp, actor: Actor, date: string, description = ""): Promise<number> {
  const input = {
    date,
    startTime: "09:00",
    endTime: "10:30",
    description,
    room: null,
    lecturerUserId: null,
    groupIds: [],
  };
  const [id] = await createSessions(
    t.database.db,
    actor,
    actor.activityId!,
    input,
    null,
    new Date("2026-09-01T00:00:00Z"),
  );
  return id!;
}

/** The activity's default statuses by acronym. */
export async function statusIds(t: TestApp, activityId: number) {
  const [set] = await listStatusSets(t.database.db, activityId);
  const by = (a: string) => set!.statuses.find((s) => s.acronym === a)!.id;
  return { P: by("P"), L: by("L"), E: by("E"), A: by("A") };
}

/** Posts the student's form as a phone would: the fields first, then the file (if any). */
export async function submitForm(
  s: Launched,
  fields: { sessionId: string; reason: string },
  file?: { name: string; bytes: Buffer },
) {
  const page = await s.agent.get(`/activities/${s.activityId}/excuses/me`).expect(200);
  let post = s.agent
    .post(`/activities/${s.activityId}/excuses/me`)
    .field("_csrf", csrfOf(page.text))
    .field("sessionId", fields.sessionId)
    .field("reason", fields.reason);
  if (file) post = post.attach("file", file.bytes, { filename: file.name, contentType: "application/pdf" });
  return post.redirects(0);
}
