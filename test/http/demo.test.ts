import { expect } from "chai";
import request from "supertest";
import { readForm, textOf } from "../support/html.js";
import { demoLaunch } from "../support/demo-launch.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

describe(`the demo: try Rollbook without a Moodle (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ DEMO_ENABLED: "true" });
  });
  after(() => t.close());

  it("serves a start page with the demo course, its lecturer and 25 students", async () => {
    const res = await request(t.baseUrl).get("/").set("Accept-Language", "lv").expect(200);
    const text = textOf(res.text);
    expect(text).to.include("Biznesa komunikācija (demo)");
    expect(text).to.include("Ilze Ozoliņa");
    expect(text).to.include("25 studenti");
    expect(res.text.match(/<option /g)).to.have.length(25);
  });

  it("launches the lecturer through a real LTI 1.3 flow onto the activity's home, with the roster from Names and Roles", async () => {
    const agent = request.agent(t.baseUrl);
    const { landing, page } = await demoLaunch(agent, { user: "demo-lecturer" });
    expect(landing).to.match(/^\/activities\/\d+$/);
    expect(page.status).to.equal(200);
    const text = textOf(page.text);
    expect(text).to.include("Apmeklējums");
    expect(text).to.include("25 studenti"); // all 26 members came over three NRPS pages of 10
    expect(text).to.include("Ņikita Pavlovs");
  });

  it("launches a student onto their own view, in English when the launch says so", async () => {
    const agent = request.agent(t.baseUrl);
    const { landing, page } = await demoLaunch(agent, { user: "demo-student-03", lang: "en" });
    expect(landing).to.match(/^\/activities\/\d+\/me$/);
    expect(textOf(page.text)).to.include("Hello, Mārtiņš Ozols!");
  });

  it("refuses a student on the lecturer's page with a 403 in their language", async () => {
    const agent = request.agent(t.baseUrl);
    const { landing } = await demoLaunch(agent, { user: "demo-student-01" });
    const res = await agent.get(landing.replace(/\/me$/, "")).expect(403);
    expect(textOf(res.text)).to.include("Šī lapa ir pasniedzējiem.");
  });

  it("refuses a browser without a launch with 401 and tells it to open the activity from Moodle", async () => {
    const res = await request(t.baseUrl).get("/activities/1").set("Accept-Language", "en").expect(401);
    expect(textOf(res.text)).to.include("Your session has ended.");
    expect(textOf(res.text)).to.include("Open the activity again from your Moodle course.");
  });

  it("creates an activity through Deep Linking and returns a signed response the platform accepts", async () => {
    const agent = request.agent(t.baseUrl);
    const { landing, page } = await demoLaunch(agent, { user: "demo-lecturer", kind: "deeplink" });
    expect(landing).to.match(/^\/deep-link\//);
    const form = readForm(page.text);
    const back = await agent
      .post(landing)
      .type("form")
      .send({ _csrf: form.fields._csrf, title: "Apmeklējuma uzskaite", gradebook: "on", scoreMaximum: "100" })
      .expect(200);
    const ret = readForm(back.text);
    expect(ret.action).to.equal(`${t.baseUrl}/demo/platform/deep-link-return`);
    expect(ret.fields.JWT).to.match(/^ey/);
    const result = await agent
      .post("/demo/platform/deep-link-return")
      .type("form")
      .send({ JWT: ret.fields.JWT })
      .expect(200);
    expect(textOf(result.text)).to.include("Apmeklējuma uzskaite");
    expect(textOf(result.text)).to.include("maksimums 100");
  });

  it("keeps what the lecturer typed and explains a bad maximum grade", async () => {
    const agent = request.agent(t.baseUrl);
    const { landing, page } = await demoLaunch(agent, { user: "demo-lecturer", kind: "deeplink" });
    const form = readForm(page.text);
    const res = await agent
      .post(landing)
      .type("form")
      .send({ _csrf: form.fields._csrf, title: "Mans apmeklējums", gradebook: "on", scoreMaximum: "-5" })
      .expect(400);
    expect(res.text).to.include('value="Mans apmeklējums"');
    expect(textOf(res.text)).to.include("Skaitlim jābūt lielākam par nulli.");
  });

  it("refuses a form without its CSRF token", async () => {
    const res = await request(t.baseUrl).post("/demo/launch").type("form").send({ user: "demo-lecturer" }).expect(403);
    expect(textOf(res.text)).to.include("Veidlapa ir novecojusi");
  });
});
