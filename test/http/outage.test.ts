import { expect } from "chai";
import request from "supertest";
import { signLink } from "../../src/checkin/checkin-link.js";
import { createCuttableDatabase, type CuttableDatabase } from "../support/cuttable-database.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { registeredPlatform } from "../support/registered-platform.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { textOf } from "../support/html.js";
import { TEST_DB_KIND } from "../support/test-database.js";

const KEY = "test-encryption-key-0123456789-abcdefghij"; // test-app's key: check-in links are signed with it

describe(`while the database is unreachable (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let database: CuttableDatabase;
  let agent: ReturnType<typeof request.agent>;
  let landing: string;

  before(async () => {
    database = await createCuttableDatabase();
    t = await startTestApp({}, { database });
    moodle = await registeredPlatform(t);
    agent = request.agent(t.baseUrl);
    const launch = await launchTool(agent, moodle, { kind: "instructor" });
    landing = (await launch.follow()).headers.location as string;
    expect((await agent.get(landing)).status).to.equal(200);
    await database.cut();
  });
  after(async () => {
    await moodle.close();
    await t.close();
  });

  it('answers a page with 503, Retry-After and "try again" in the user\'s language, not a 500', async () => {
    const lv = await agent.get(landing).set("Accept-Language", "lv");
    expect(lv.status).to.equal(503);
    expect(lv.headers["retry-after"]).to.equal("5");
    expect(textOf(lv.text)).to.include("Rollbook šobrīd nevar sazināties ar savu datubāzi.");
    expect(textOf(lv.text)).to.include("Mēģiniet vēlreiz pēc brīža.");
    const en = await agent.get(landing).set("Accept-Language", "en");
    expect(en.status).to.equal(503);
    expect(textOf(en.text)).to.include("Rollbook cannot reach its database right now.");
  });

  it("answers JSON clients with 503, Retry-After and the code unavailable", async () => {
    const res = await agent.get(landing).set("Accept", "application/json").set("Accept-Language", "en");
    expect(res.status).to.equal(503);
    expect(res.headers["retry-after"]).to.equal("5");
    expect(res.body.error.code).to.equal("unavailable");
    expect(res.body.error.message).to.equal("Rollbook cannot reach its database right now.");
  });

  it("tells a student who scanned to scan again in a moment", async () => {
    const token = signLink(KEY, { sessionId: 1, code: "123456" });
    const lv = await request(t.baseUrl).get(`/c/${token}`).set("Accept-Language", "lv");
    expect(lv.status).to.equal(503);
    expect(lv.headers["retry-after"]).to.equal("5");
    expect(textOf(lv.text)).to.include("Pēc brīža noskenējiet kodu vēlreiz.");
    const en = await request(t.baseUrl).get(`/c/${token}`).set("Accept-Language", "en");
    expect(textOf(en.text)).to.include("Scan the code again in a moment.");
  });

  it("answers a launch from Moodle with 503 and Retry-After too, at whichever step first needs the database", async function () {
    // A closed PGlite (its only "outage": the process is stopping) leaves ltijs's id_token check unanswered; a
    // PostgreSQL outage is the real case.
    if (TEST_DB_KIND === "pglite") this.skip();
    const login = await request(t.baseUrl)
      .post("/lti/login")
      .type("form")
      .send({ ...moodle.prepareLaunch("instructor") })
      .redirects(0);
    const res =
      login.status === 302
        ? (await launchTool(request.agent(t.baseUrl), moodle, { kind: "instructor" })).response
        : login;
    expect(res.status).to.equal(503);
    expect(res.headers["retry-after"]).to.equal("5");
    expect(res.text).to.not.match(/Failed query|params|lti_store/);
  });

  it('says "not ready" on /readyz, and serves pages again once the database is back', async () => {
    const ready = await request(t.baseUrl).get("/readyz");
    expect(ready.status).to.equal(503);
    expect(ready.text).to.equal("not ready");
    if (!(await database.restore())) return; // PGlite stays closed: its outage is for good
    expect((await agent.get(landing)).status).to.equal(200);
    expect((await request(t.baseUrl).get("/readyz")).text).to.equal("ok");
  });
});
