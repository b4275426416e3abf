import { expect } from "chai";
import { eq } from "drizzle-orm";
import request from "supertest";
import { ltiStore } from "../../src/db/schema.js";
import { RATE_COLLECTION } from "../../src/http/rate-limit.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { registeredPlatform } from "../support/registered-platform.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

describe(`the per-address limit on LTI logins and launches (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let other: TestApp;
  let moodle: TestPlatform;
  const NOW = new Date("2026-10-01T06:00:00Z");

  beforeEach(async () => {
    t = await startTestApp({ LTI_RATE_LIMIT_PER_MINUTE: "3" });
    // a second instance on the same database, as a second process behind a load balancer
    other = await startTestApp({ LTI_RATE_LIMIT_PER_MINUTE: "3" }, { database: t.database });
    moodle = await registeredPlatform(t);
    t.clock.set(NOW);
    other.clock.set(NOW);
  });
  afterEach(async () => {
    await moodle.close();
    other.server.closeAllConnections();
    other.server.close(); // the database is t's: closed once, below
    await t.close();
  });

  const login = (app: TestApp, ip: string, lang = "en") =>
    request(app.app).post("/lti/login").set("X-Forwarded-For", ip).set("Accept-Language", lang).type("form").send({});

  it("refuses the fourth login a minute from one address, counted across both instances, with 429 and Retry-After", async () => {
    for (const app of [t, other, t]) expect((await login(app, "203.0.113.7")).status).to.not.equal(429);
    for (const app of [t, other]) app.clock.set(new Date(NOW.getTime() + 20_000));
    const refused = await login(other, "203.0.113.7");
    expect(refused.status).to.equal(429);
    expect(refused.headers["retry-after"]).to.equal("40");
    expect(refused.text).to.include("Too many sign-ins to Rollbook from your network right now.");
    expect(refused.text).to.include("Wait a minute, then open the activity in Moodle again.");
    const lv = await login(t, "203.0.113.7", "lv");
    expect(lv.status).to.equal(429);
    expect(lv.text).to.include("Šobrīd no jūsu tīkla ir pārāk daudz pieteikšanos.");
    const json = await login(t, "203.0.113.7").set("Accept", "application/json");
    expect(json.body.error.code).to.equal("rate_limited");
    expect((await login(t, "198.51.100.9")).status, "another address").to.not.equal(429);
    const [row] = await t.database.db.select().from(ltiStore).where(eq(ltiStore.replaceKey, "lti.login:203.0.113.7"));
    expect(row).to.deep.include({ collection: RATE_COLLECTION });
    expect(row!.doc).to.deep.equal({ n: 6 });
  });

  it("counts launches apart from logins, starts again after the minute, and lets a real launch through", async () => {
    for (let i = 0; i < 3; i++) expect((await login(t, "127.0.0.1")).status).to.not.equal(429);
    expect((await login(t, "127.0.0.1")).status).to.equal(429);
    t.clock.set(new Date(NOW.getTime() + 60_000));
    const launch = await launchTool(request.agent(t.app), moodle, { kind: "learner" });
    expect(launch.response.status, launch.response.text).to.equal(302);
    expect((await launch.follow()).status).to.equal(303);
    const counters = () => t.database.db.$count(ltiStore, eq(ltiStore.collection, RATE_COLLECTION));
    expect(await counters()).to.equal(2); // login and launch of 127.0.0.1
    t.clock.set(new Date(NOW.getTime() + 130_000));
    await t.housekeeping(); // the spent counters go with the nonces and states
    expect(await counters()).to.equal(0);
  });
});
