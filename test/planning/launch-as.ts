import { expect } from "chai";
import request from "supertest";
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
