import { expect } from "chai";
import request from "supertest";
import type { Agent } from "supertest";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import type { TestApp } from "../support/test-app.js";

export interface Launched {
  agent: Agent;
  activityId: number;
  /** A CSRF token from a page of this session. */
  csrf: string;
}

const localeClaim = (locale: string) => ({
  "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale },
});

/** A real launch into the test Moodle's activity; `overrides` pick another user, course or resource link. */
export async function launchAs(
  t: TestApp,
  moodle: TestPlatform,
  kind: "instructor" | "learner",
  overrides: Record<string, unknown> = {},
  locale = "en",
): Promise<Launched> {
  const agent = request.agent(t.baseUrl);
  const launch = await launchTool(agent, moodle, { kind, overrides: { ...localeClaim(locale), ...overrides } });
  expect(launch.response.status, launch.response.text).to.equal(302);
  const session = await launch.follow();
  expect(session.status, session.text).to.equal(303);
  const landing = session.headers.location as string;
  const activityId = Number(/^\/activities\/(\d+)/.exec(landing)?.[1]);
  const page = await agent.get(landing).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? (await csrfFrom(agent, landing));
  return { agent, activityId, csrf };
}

async function csrfFrom(agent: Agent, path: string): Promise<string> {
  const page = await agent.get(path);
  return /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
}

/** Posts a form with the session's CSRF token, without following redirects. */
export function postForm(l: Launched, path: string, fields: Record<string, string | string[]>) {
  return l.agent
    .post(path)
    .type("form")
    .send({ _csrf: l.csrf, ...fields })
    .redirects(0);
}

/** A launch claim set for another Moodle course (its own context and resource link). */
export function otherCourse(): Record<string, unknown> {
  return {
    "https://purl.imsglobal.org/spec/lti/claim/context": {
      id: "77",
      label: "MK201",
      title: "Mārketings",
      type: ["CourseSection"],
    },
    "https://purl.imsglobal.org/spec/lti/claim/resource_link": { id: "rl-other-77", title: "Apmeklējums" },
  };
}
