import { expect } from "chai";
import { SignJWT, decodeJwt, generateKeyPair } from "jose";
import { and, eq } from "drizzle-orm";
import request from "supertest";
import { courseMembers, courses } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { registeredPlatform, withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

describe(`launches from Moodle through ltijs (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));

  async function landOn(kind: "instructor" | "learner" | "admin", overrides?: Record<string, unknown>) {
    const agent = request.agent(t.baseUrl);
    const launch = await launchTool(agent, moodle, { kind, overrides });
    expect(launch.response.status, launch.response.text).to.equal(302);
    const session = await launch.follow();
    expect(session.status, session.text).to.equal(303);
    const page = await agent.get(session.headers.location as string);
    return { agent, landing: session.headers.location as string, page };
  }

  it("brings the lecturer to the activity's home with the course roster from Names and Roles", async () => {
    const { landing, page } = await landOn("instructor", {
      "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale: "lv" },
    });
    expect(landing).to.match(/^\/activities\/\d+$/);
    expect(page.status).to.equal(200);
    const text = textOf(page.text);
    expect(text).to.include("Biznesa komunikācija");
    expect(text).to.include("6 studenti");
    expect(text).to.include("Elīna Krūmiņa");
  });

  it("brings a student to their own view, in the launch's language", async () => {
    const { landing, page } = await landOn("learner", {
      "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale: "en" },
    });
    expect(landing).to.match(/^\/activities\/\d+\/me$/);
    expect(textOf(page.text)).to.match(/Hello, .+!/);
  });

  it("treats the same resource link as the same activity on every launch", async () => {
    const a = await landOn("instructor");
    const b = await landOn("learner");
    expect(b.landing).to.equal(`${a.landing}/me`);
  });

  it("keeps a member who left the course, marked as no longer enrolled, after a refresh", async () => {
    const { agent, landing } = await landOn("instructor", {
      "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale: "en" },
    });
    const removed = moodle.removeMember("9");
    expect(removed).to.equal(true);
    const home = await agent.get(landing).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.text)?.[1] ?? "";
    const refreshed = await agent.post(`${landing}/roster/refresh`).type("form").send({ _csrf: csrf }).expect(303);
    const after = await agent.get(refreshed.headers.location as string).expect(200);
    const text = textOf(after.text);
    expect(text).to.include("List refreshed: 6 active participants.");
    expect(text).to.include("5 students · 1 no longer enrolled");
    expect(text).to.match(/Elīna Krūmiņa no longer enrolled/);
    moodle.addMember({
      status: "Active",
      roles: ["Learner"],
      user_id: "9",
      name: "Elīna Krūmiņa",
      given_name: "Elīna",
      family_name: "Krūmiņa",
      email: "elina.krumina@example.lv",
    });
  });

  it("follows every page of a paged Names and Roles answer (limit 3, Link rel=next)", async () => {
    const nrps = moodle.idTokenFor("instructor")["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"] as {
      context_memberships_url: string;
    };
    const { page } = await landOn("instructor", {
      "https://purl.imsglobal.org/spec/lti/claim/context": {
        id: "paged-course",
        label: "PG1",
        title: "Lapots kurss",
        type: ["CourseSection"],
      },
      "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
        ...nrps,
        context_memberships_url: `${nrps.context_memberships_url}?limit=3`,
      },
    });
    expect(textOf(page.text)).to.include("6 students");
    expect(textOf(page.text)).to.include("Mārtiņš Ozols"); // on the last page
  });

  it("refreshes a roster older than ROSTER_MAX_AGE_MINUTES on the next launch", async () => {
    await landOn("instructor");
    moodle.removeMember("8");
    t.clock.set(new Date(Date.now() + 2 * 3600_000));
    try {
      await landOn("learner");
      let row: { isEnrolled: boolean } | undefined;
      for (let i = 0; i < 50; i++) {
        [row] = await t.database.db
          .select({ isEnrolled: courseMembers.isEnrolled })
          .from(courseMembers)
          .innerJoin(courses, eq(courses.id, courseMembers.courseId))
          .where(and(eq(courseMembers.userId, "8"), eq(courses.contextId, "2")));
        if (row && !row.isEnrolled) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(row?.isEnrolled).to.equal(false);
    } finally {
      t.clock.set(null);
      moodle.addMember({
        status: "Active",
        roles: ["Learner"],
        user_id: "8",
        name: "Kristaps Jansons",
        given_name: "Kristaps",
        family_name: "Jansons",
        email: "kristaps.jansons@example.lv",
      });
    }
  });

  describe("bad launches get a clear page, the right 4xx and no session", () => {
    async function refused(opts: Parameters<typeof launchTool>[2], lang = "lv") {
      const agent = request.agent(t.baseUrl).set("Accept-Language", lang);
      const launch = await launchTool(agent, moodle, opts);
      return launch.response;
    }

    it("refuses a forged id_token (signed with another key)", async () => {
      const other = await generateKeyPair("RS256");
      const res = await refused({
        kind: "instructor",
        tamper: async (token) =>
          new SignJWT(decodeJwt(token))
            .setProtectedHeader({ alg: "RS256", kid: "6cf471a72001324c62f2" })
            .sign(other.privateKey),
      });
      expect(res.status).to.equal(401);
      expect(textOf(res.text)).to.include("Palaišanas parakstu nevarēja pārbaudīt.");
    });

    it("refuses an expired id_token", async () => {
      const past = Math.floor(Date.now() / 1000) - 600;
      const res = await refused({ kind: "instructor", overrides: { iat: past, exp: past + 60 } }, "en");
      expect(res.status).to.equal(401);
      expect(textOf(res.text)).to.include("The launch link has expired.");
    });

    it("refuses an id_token for another tool (wrong audience)", async () => {
      const res = await refused({ kind: "instructor", overrides: { aud: "some-other-client" } }, "en");
      expect(res.status).to.equal(401);
      expect(textOf(res.text)).to.include("The launch was meant for another tool.");
    });

    it("refuses an id_token from another issuer than the login", async () => {
      const res = await refused({ kind: "instructor", overrides: { iss: "https://elsewhere.example.lv" } }, "en");
      expect(res.status).to.equal(401);
      expect(textOf(res.text)).to.include("The launch came from a different platform than the login.");
    });

    it("refuses a launch without a deployment id", async () => {
      const res = await refused(
        { kind: "instructor", overrides: { "https://purl.imsglobal.org/spec/lti/claim/deployment_id": undefined } },
        "en",
      );
      expect(res.status).to.equal(400);
      expect(textOf(res.text)).to.include("The launch has no deployment ID.");
    });

    it("refuses a replayed id_token (same nonce) even with a fresh state", async () => {
      const agent = request.agent(t.baseUrl).set("Accept-Language", "en");
      const first = await launchTool(agent, moodle, { kind: "instructor" });
      expect(first.response.status).to.equal(302);
      const replay = await launchTool(agent, moodle, { kind: "instructor", tamper: () => first.idToken });
      expect(replay.response.status).to.equal(401);
      expect(textOf(replay.response.text)).to.include("This launch has already been used.");
    });

    it("refuses a launch whose state cookie the browser dropped", async () => {
      const res = await refused({ kind: "instructor", skipCookie: true }, "en");
      expect(res.status).to.equal(401);
      expect(textOf(res.text)).to.include("Your browser did not send back the login cookie.");
    });

    it("refuses a POST to the launch URL without an id_token", async () => {
      const res = await request(t.baseUrl)
        .post("/lti/launch")
        .set("Accept-Language", "en")
        .type("form")
        .send({ state: "x" });
      expect(res.status).to.equal(401);
      expect(textOf(res.text)).to.include("No launch data was received.");
    });

    it("answers Moodle's plain GET of a new activity's URL harmlessly", async () => {
      const res = await request(t.baseUrl).get("/lti/launch");
      expect(res.status).to.equal(200);
      expect(textOf(res.text)).to.include("Atveriet šo rīku no sava Moodle kursa.");
    });

    it("refuses a login from an unknown platform with 400", async () => {
      const res = await request(t.baseUrl)
        .post("/lti/login")
        .set("Accept-Language", "en")
        .type("form")
        .send({
          iss: "https://unknown.example.lv",
          login_hint: "3",
          target_link_uri: `${t.baseUrl}/lti/launch`,
          client_id: "nobody",
        });
      expect(res.status).to.equal(400);
      expect(textOf(res.text)).to.include("This Moodle site is not registered with Rollbook.");
    });

    it("refuses a login from an inactive platform with 403", async () => {
      const pending = await registeredPlatform(t, { active: false });
      try {
        const login = pending.prepareLaunch("instructor");
        const res = await request(t.baseUrl)
          .post("/lti/login")
          .set("Accept-Language", "en")
          .type("form")
          .send({ ...login });
        expect(res.status).to.equal(403);
        expect(textOf(res.text)).to.include("This Moodle site is not activated in Rollbook yet.");
      } finally {
        await pending.close();
      }
    });

    it("writes no session for a refused launch", async () => {
      const agent = request.agent(t.baseUrl);
      await launchTool(agent, moodle, { kind: "instructor", overrides: { aud: "x" } });
      const res = await agent.get("/activities/1");
      expect(res.status).to.equal(401);
    });
  });
});
