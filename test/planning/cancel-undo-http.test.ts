import { expect } from "chai";
import { eq } from "drizzle-orm";
import request from "supertest";
import { classChanges, courses, planningSettings, studyClasses } from "../../src/db/schema.js";
import { DEFAULT_SLOTS } from "../../src/planning/slots.js";
import { readForm, textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { scheduleBytes } from "./fixtures.js";

describe(`cancelling a study-day class asks first and can be undone until the day (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let agent: ReturnType<typeof request.agent>;
  let landing: string;
  let classId: number;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    t.clock.set(new Date("2026-10-15T10:00:00Z")); // two days before the study day
    agent = request.agent(t.baseUrl);
    const first = await launchTool(agent, moodle, { kind: "admin", overrides: locale("en") });
    await first.follow();
    const [course] = await t.database.db.select().from(courses);
    await t.database.db
      .insert(planningSettings)
      .values({ platformId: course!.platformId, slots: [...DEFAULT_SLOTS], staffContextId: course!.contextId });
    const launch = await launchTool(agent, moodle, { kind: "admin", overrides: locale("en") });
    landing = (await launch.follow()).headers.location as string;
    const index = await agent.get(landing).expect(200);
    await agent
      .post(`${landing}/import`)
      .field("_csrf", readForm(index.text).fields._csrf!)
      .attach(
        "file",
        Buffer.from(
          scheduleBytes("2026-10-17;1;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BK-1;tiešsaistē;"),
        ),
        "grafiks.csv",
      )
      .expect(303);
    const [cls] = await t.database.db.select().from(studyClasses);
    classId = cls!.id;
  });
  after(() => t.clock.set(null));
  const state = async () =>
    (await t.database.db.select().from(studyClasses).where(eq(studyClasses.id, classId)))[0]!.state;

  it("offers a link, not a one-click form, and the link's page asks before anything changes", async () => {
    const day = await agent.get(`${landing}/days/2026-10-17`).expect(200);
    expect(day.text).to.include(`href="${landing}/classes/${classId}/cancel"`);
    expect(day.text).not.to.match(/<form[^>]*action="[^"]*\/cancel"/);
    const confirm = await agent.get(`${landing}/classes/${classId}/cancel`).expect(200);
    const text = textOf(confirm.text);
    expect(text).to.include("Cancel the class?");
    expect(text).to.include("BK101 Biznesa komunikācija");
    expect(text).to.include("Yes, cancel the class");
    expect(await state()).to.equal("planned");
  });

  it("cancels on the confirm, then restores the class to what it was, recording both", async () => {
    const confirm = readForm((await agent.get(`${landing}/classes/${classId}/cancel`).expect(200)).text);
    const done = await agent.post(confirm.action).type("form").send(confirm.fields).expect(303);
    expect(await state()).to.equal("cancelled");
    const day = await agent.get(done.headers.location as string).expect(200);
    expect(textOf(day.text)).to.include("Until the day of the class you can bring it back with “Restore”.");
    const restore = readForm(
      day.text,
      [...day.text.matchAll(/<form\b[^>]*action="([^"]*)"/g)].findIndex((m) => m[1]!.endsWith("/restore")),
    );
    const back = await agent.post(restore.action).type("form").send(restore.fields).expect(303);
    expect(textOf((await agent.get(back.headers.location as string).expect(200)).text)).to.include(
      "The class is restored.",
    );
    expect(await state()).to.equal("planned");
    const kinds = (await t.database.db.select().from(classChanges).where(eq(classChanges.classId, classId))).map(
      (c) => [c.kind, c.diff],
    );
    expect(kinds.slice(-2)).to.deep.equal([
      ["cancelled", { state: { from: "planned", to: "cancelled" } }],
      ["edited", { state: { from: "cancelled", to: "planned" } }],
    ]);
  });

  it("cannot restore once the day is over, and says so", async () => {
    const confirm = readForm((await agent.get(`${landing}/classes/${classId}/cancel`).expect(200)).text);
    await agent.post(confirm.action).type("form").send(confirm.fields).expect(303);
    t.clock.set(new Date("2026-10-18T08:00:00Z"));
    await (await launchTool(agent, moodle, { kind: "admin", overrides: locale("en") })).follow(); // a day later
    const day = await agent.get(`${landing}/days/2026-10-17`).expect(200);
    expect(day.text).not.to.match(/action="[^"]*\/restore"/);
    const refused = await agent
      .post(`${landing}/classes/${classId}/restore`)
      .type("form")
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(day.text)![1] }) // the relaunch issued a new browser id
      .set("Accept-Language", "en")
      .expect(409);
    expect(textOf(refused.text)).to.include("The day of the class has passed");
    expect(await state()).to.equal("cancelled");
  });
});

function locale(l: string) {
  return { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale: l } };
}
