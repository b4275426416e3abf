import { expect } from "chai";
import { asc, eq } from "drizzle-orm";
import request from "supertest";
import { attendanceMarks, attendanceSessions } from "../../src/db/schema.js";
import { launchAs, postForm, type Launched } from "../attendance/launch.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import type { TestApp } from "../support/test-app.js";

/** 2025-10-01 09:00 Riga is 06:00Z; `at(m, s)` is m minutes and s seconds after that. */
export const at = (minutes: number, seconds = 0) => new Date(Date.UTC(2025, 9, 1, 6, minutes, seconds));

/** The lecturer makes a session at 09:00–10:30 and turns check-in on with these form fields; returns its id. */
export async function sessionWithCheckin(
  t: TestApp,
  lecturer: Launched,
  fields: Record<string, string> = {},
): Promise<number> {
  await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/sessions`, {
    date: "2025-10-01",
    startTime: "09:00",
    endTime: "10:30",
    description: fields.description ?? "Lekcija",
  }).expect(303);
  const [session] = await t.database.db
    .select()
    .from(attendanceSessions)
    .orderBy(asc(attendanceSessions.id))
    .then((rows) => rows.slice(-1));
  const form = {
    isEnabled: "on",
    opensMinutesBefore: "10",
    closes: "end",
    statusMode: "rules",
    method: "rotating_qr",
    stepSeconds: "10",
    password: "",
    ...fields,
  };
  const res = await postForm(lecturer, `/activities/${lecturer.activityId}/checkin/sessions/${session!.id}`, form);
  expect(res.status, res.text).to.equal(303);
  return session!.id;
}

/** What every projector shows now (code, signed url, count). */
export async function projector(lecturer: Launched, sessionId: number) {
  const res = await lecturer.agent
    .get(`/activities/${lecturer.activityId}/checkin/sessions/${sessionId}/projector.json`)
    .set("accept", "application/json")
    .expect(200);
  return res.body as {
    state: string;
    code: string;
    url: string;
    qrSvg: string;
    secondsLeft: number | null;
    count: number;
    total: number;
  };
}

/** The path part of a check-in url. */
export const pathOf = (url: string) => new URL(url).pathname;

/** A session's marks. */
export const marksOf = (t: TestApp, sessionId: number) =>
  t.database.db.select().from(attendanceMarks).where(eq(attendanceMarks.sessionId, sessionId));

/** A phone with no tool session: a fresh cookie jar. */
export const freshPhone = (t: TestApp) => request.agent(t.baseUrl);

/** Signs in through the test Moodle from this phone (the launch Moodle's view.php would make); returns the landing response. */
export async function signInThroughMoodle(phone: ReturnType<typeof freshPhone>, moodle: TestPlatform, sub = "4") {
  const launch = await launchTool(phone, moodle, {
    kind: "learner",
    overrides: { sub, "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale: "en" } },
  });
  expect(launch.response.status, launch.response.text).to.equal(302);
  const session = await launch.follow();
  expect(session.status, session.text).to.equal(303);
  return session;
}

export { launchAs, postForm };
