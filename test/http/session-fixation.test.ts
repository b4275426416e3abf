import { expect } from "chai";
import { eq } from "drizzle-orm";
import { appSessions } from "../../src/db/schema.js";
import request, { type Agent, type Response } from "supertest";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

/** The browser id a response set, or undefined. */
function browserIdSet(res: Response, name = "rb_browser"): string | undefined {
  const lines = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  const line = lines.find((l) => l.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(";")[0];
}

function plant(agent: Agent, value: string): void {
  agent.jar.setCookie(`rb_browser=${value}; Path=/`, "127.0.0.1", "/");
}

describe(`the browser-id cookie and session fixation (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));

  /** Launches in `agent`; returns the landing path and the browser id the launch set. */
  async function launchIn(agent: Agent, kind: "instructor" | "learner", overrides?: Record<string, unknown>) {
    const launch = await launchTool(agent, moodle, { kind, overrides });
    expect(launch.response.status, launch.response.text).to.equal(302);
    const landed = await launch.follow();
    expect(landed.status, landed.text).to.equal(303);
    return { landing: landed.headers.location as string, browserId: browserIdSet(landed) };
  }

  it("does not let a cookie planted before the launch become the lecturer's session (any 20-64 characters)", async () => {
    const planted = "planted-by-the-attacker-0123456789";
    const victim = request.agent(t.baseUrl);
    plant(victim, planted);
    const { landing, browserId } = await launchIn(victim, "instructor");
    expect(browserId).to.be.a("string").and.not.equal(planted);
    expect((await victim.get(landing)).status).to.equal(200);
    const attacker = await request(t.baseUrl).get(landing).set("Cookie", `rb_browser=${planted}`);
    expect(attacker.status).to.not.equal(200);
  });

  it("does not let an id the server issued to the attacker become the victim's session either", async () => {
    const attacker = request.agent(t.baseUrl);
    const issued = browserIdSet(await attacker.get("/"));
    expect(issued).to.match(/^[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{22}$/);
    const victim = request.agent(t.baseUrl);
    plant(victim, issued!);
    const { landing, browserId } = await launchIn(victim, "instructor");
    expect(browserId).to.not.equal(issued);
    expect((await attacker.get(landing)).status).to.not.equal(200);
    expect((await victim.get(landing)).status).to.equal(200);
  });

  it("accepts only ids it issued: a forged or unsigned one is replaced at once", async () => {
    const forged = `${"A".repeat(32)}.${"B".repeat(22)}`;
    const res = await request(t.baseUrl).get("/").set("Cookie", `rb_browser=${forged}`);
    const fresh = browserIdSet(res);
    expect(fresh).to.match(/^[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{22}$/);
    expect(fresh).to.not.equal(forged);
    const kept = await request(t.baseUrl).get("/").set("Cookie", `rb_browser=${fresh}`);
    expect(browserIdSet(kept)).to.equal(undefined);
  });

  it("keeps a lecturer's other course open after a second launch, under a new id each time", async () => {
    const agent = request.agent(t.baseUrl);
    const first = await launchIn(agent, "instructor");
    const second = await launchIn(agent, "instructor", {
      "https://purl.imsglobal.org/spec/lti/claim/resource_link": { id: "second-link", title: "Otrā" },
    });
    expect(second.landing).to.not.equal(first.landing);
    expect(second.browserId).to.not.equal(first.browserId);
    expect((await agent.get(first.landing)).status).to.equal(200);
    expect((await agent.get(second.landing)).status).to.equal(200);
  });

  it("does not hand a lecturer's session to the next person who launches in the same browser", async () => {
    const agent = request.agent(t.baseUrl);
    const lecturer = await launchIn(agent, "instructor");
    await launchIn(agent, "learner");
    expect((await agent.get(lecturer.landing)).status).to.not.equal(200);
    const left = await t.database.db.select().from(appSessions).where(eq(appSessions.browserId, lecturer.browserId!));
    expect(left.map((s) => (s.actor as { isLecturer: boolean }).isLecturer)).to.deep.equal([true]); // left behind
  });
});

describe(`the browser-id cookie over HTTPS (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  withRegisteredApp((app) => ({ t } = app), { PUBLIC_URL: "https://rollbook.example.lv" });

  it("uses the __Host- prefix, and ignores a plain rb_browser cookie a sibling subdomain could set", async () => {
    const issued = await request(t.app).get("/").set("X-Forwarded-Proto", "https");
    const id = browserIdSet(issued, "__Host-rb_browser");
    expect(id).to.match(/\./);
    const line = ([] as string[]).concat(issued.headers["set-cookie"] ?? []).find((l) => l.startsWith("__Host-"));
    expect(line)
      .to.match(/Secure/)
      .and.match(/Path=\//)
      .and.not.match(/Domain=/i);
    const sibling = await request(t.app).get("/").set("X-Forwarded-Proto", "https").set("Cookie", `rb_browser=${id}`);
    expect(browserIdSet(sibling, "__Host-rb_browser")).to.be.a("string").and.not.equal(id);
  });
});
