import { expect } from "chai";
import request from "supertest";
import { planningCoordinators } from "../../src/db/schema.js";
import { readForm, textOf } from "../support/html.js";
import { demoLaunch } from "../support/demo-launch.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

describe(`the demo's coordinator and its Moodle activity page (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ DEMO_ENABLED: "true" });
  });
  after(() => t.close());

  it("offers Launch as coordinator, and the launch lands on the study days without editing the database", async () => {
    const start = await request(t.baseUrl).get("/").set("Accept-Language", "en").expect(200);
    expect(textOf(start.text)).to.include("Launch as coordinator");
    expect(textOf(start.text)).to.include("Sarmīte Šķēle");
    const agent = request.agent(t.baseUrl);
    const { landing, page } = await demoLaunch(agent, { user: "demo-coordinator", lang: "en" });
    expect(landing).to.match(/^\/activities\/\d+\/study-days$/);
    expect(page.status).to.equal(200);
    expect(textOf(page.text)).to.include("Import the semester schedule");
    const listed = await t.database.db.select().from(planningCoordinators);
    expect(listed.map((c) => [c.userId, c.name])).to.deep.equal([["demo-coordinator", "Sarmīte Šķēle"]]);
  });

  it("keeps the coordinator out of the demo course's roster (the staff course has its own)", async () => {
    const agent = request.agent(t.baseUrl);
    const { page } = await demoLaunch(agent, { user: "demo-lecturer" });
    expect(textOf(page.text)).to.include("25 studenti");
    expect(textOf(page.text)).not.to.include("Šķēle");
  });

  it("serves Moodle's /mod/lti/view.php: a signed-out scan signs in and is launched as Moodle would", async () => {
    const agent = request.agent(t.baseUrl);
    const view = await agent
      .get("/demo/platform/mod/lti/view.php?l=demo-attendance-1")
      .set("Accept-Language", "lv")
      .expect(200);
    expect(textOf(view.text)).to.include("Demo Moodle: pieteikšanās");
    const form = readForm(view.text);
    expect(form.action).to.equal("/demo/launch");
    const handoff = await agent
      .post(form.action)
      .type("form")
      .send({ ...form.fields, user: "demo-student-12" })
      .expect(200);
    const login = readForm(handoff.text);
    const toAuth = await agent.post(new URL(login.action).pathname).type("form").send(login.fields).expect(302);
    const authUrl = new URL(toAuth.headers.location as string);
    const auth = await agent.get(authUrl.pathname + authUrl.search).expect(200);
    const post = readForm(auth.text);
    const launched = await agent.post(new URL(post.action).pathname).type("form").send(post.fields).expect(302);
    const withLtik = new URL(launched.headers.location as string, t.baseUrl);
    const session = await agent.get(withLtik.pathname + withLtik.search).expect(303);
    expect(session.headers.location).to.match(/^\/activities\/\d+\/me$/);
    const me = await agent.get(session.headers.location as string).expect(200);
    expect(textOf(me.text)).to.include("Katrīna Ābele");
  });

  it("answers an unknown activity on view.php with a clear 400, not a 404", async () => {
    const res = await request(t.baseUrl)
      .get("/demo/platform/mod/lti/view.php?l=nope")
      .set("Accept-Language", "en")
      .expect(400);
    expect(textOf(res.text)).to.include("The demo Moodle has no such activity.");
  });
});
