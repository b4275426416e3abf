import { expect } from "chai";
import request from "supertest";
import { courses, planningSettings } from "../../src/db/schema.js";
import { DEFAULT_SLOTS } from "../../src/planning/slots.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import type { TestApp } from "../support/test-app.js";

/** A signed launch as a Moodle role; returns a cookie-keeping agent and where the launch landed. */
export async function launchAs(t: TestApp, moodle: TestPlatform, kind: "instructor" | "learner" | "admin") {
  const agent = request.agent(t.baseUrl);
  const launch = await launchTool(agent, moodle, { kind });
  expect(launch.response.status, launch.response.text).to.equal(302);
  const session = await launch.follow();
  expect(session.status, session.text).to.equal(303);
  return { agent, landing: session.headers.location as string };
}

/** Makes the launched course the platform's staff course, so coordinators land on the study-day area. */
export async function makeStaffCourse(t: TestApp) {
  const [course] = await t.database.db.select().from(courses);
  await t.database.db.insert(planningSettings).values({ platformId: course!.platformId, slots: [...DEFAULT_SLOTS], staffContextId: course!.contextId }).onConflictDoNothing();
  return course!;
}
