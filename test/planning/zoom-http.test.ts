import { expect } from "chai";
import request from "supertest";
import { courses, planningSettings, zoomHosts } from "../../src/db/schema.js";
import { DEFAULT_SLOTS } from "../../src/planning/slots.js";
import { readForm, textOf } from "../support/html.js";
import { startFakeZoom, type FakeZoom } from "../support/fake-zoom.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { registeredPlatform } from "../support/registered-platform.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { scheduleBytes } from "./fixtures.js";

describe(`assigning Zoom for a study day over HTTP (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let zoom: FakeZoom;
  before(async () => {
    zoom = await startFakeZoom();
    t = await startTestApp({
      ZOOM_ACCOUNT_ID: zoom.credentials.accountId,
      ZOOM_CLIENT_ID: zoom.credentials.clientId,
      ZOOM_CLIENT_SECRET: zoom.credentials.clientSecret,
      ZOOM_API_URL: zoom.apiUrl,
      ZOOM_OAUTH_URL: zoom.oauthUrl,
    });
    moodle = await registeredPlatform(t);
  });
  after(async () => {
    await moodle.close();
    await t.close();
    await zoom.close();
  });

  it("assigns hosts, creates meetings and shows link, meeting id and passcode; lists what found no host", async () => {
    const agent = request.agent(t.baseUrl);
    const first = await launchTool(agent, moodle, { kind: "admin" });
    await first.follow();
    const [course] = await t.database.db.select().from(courses);
    await t.database.db
      .insert(planningSettings)
      .values({ platformId: course!.platformId, slots: [...DEFAULT_SLOTS], staffContextId: course!.contextId });
    await t.database.db
      .insert(zoomHosts)
      .values({ platformId: course!.platformId, email: "zoom1@example.lv", concurrency: 1 });
    const launch = await launchTool(agent, moodle, { kind: "admin" });
    const landing = (await launch.follow()).headers.location as string;
    const index = await agent.get(landing).expect(200);
    await agent
      .post(`${landing}/import`)
      .field("_csrf", readForm(index.text).fields._csrf!)
      .attach(
        "file",
        Buffer.from(
          scheduleBytes(
            "2026-10-17;1;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BK-1;tiešsaistē;",
            "2026-10-17;1;;;EK201;Ekonomika;Jānis Bērziņš;janis@example.lv;EK-2;tiešsaistē;",
          ),
        ),
        "s.csv",
      )
      .expect(303);

    const day = await agent.get(`${landing}/days/2026-10-17`).expect(200);
    const form = readForm(day.text, 0);
    expect(form.action).to.equal(`${landing}/days/2026-10-17/zoom`);
    const done = await agent.post(form.action).type("form").send(form.fields).expect(303);
    const page = await agent.get(done.headers.location as string).expect(200);
    const text = textOf(page.text);
    expect(text).to.include("Zoom: meetings ready 1, failed 0, without an account 1.");
    expect(text).to.include("Not enough Zoom accounts for these classes: 09:00–12:00 EK201 Ekonomika (EK-2)");
    const [meeting] = [...zoom.meetings.values()];
    const spaced = `${String(meeting!.id).slice(0, 3)} ${String(meeting!.id).slice(3, 7)} ${String(meeting!.id).slice(7)}`;
    expect(text).to.include(
      `BK101 Biznesa komunikācija Ilze Ozoliņa BK-1 zoom1@example.lv Join ${spaced} ${meeting!.password}`,
    );
    expect(page.text).to.include(`href="${meeting!.join_url}"`);
    expect(page.text).to.not.include("zak=");
  });
});
