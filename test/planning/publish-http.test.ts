import { expect } from "chai";
import { eq } from "drizzle-orm";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import { announcementAttempts, courses, planningSettings, studyClasses } from "../../src/db/schema.js";
import { DEFAULT_SLOTS } from "../../src/planning/slots.js";
import { readForm, textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs } from "./launch-as.js";
import { callsOf, publishingWorld } from "./publish-fake-moodle.js";
import { scheduleBytes } from "./fixtures.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";

describe(`publishing a study day over HTTP (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let fake: FakeMoodle;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    fake = await startFakeMoodle();
    publishingWorld(fake);
  });
  after(async () => {
    await fake.close();
  });

  async function seed(platformId: string) {
    await t.database.db
      .insert(planningSettings)
      .values({ platformId, slots: [...DEFAULT_SLOTS] })
      .onConflictDoNothing();
    const base = {
      platformId,
      classDate: "2026-10-17",
      courseTitle: "Biznesa komunikācija",
      lecturerName: "Ilze Ozoliņa",
      passcode: "Ab12cd34",
    };
    await t.database.db.insert(studyClasses).values([
      {
        ...base,
        naturalKey: "a",
        courseRef: "BK101",
        startsAt: new Date("2026-10-17T06:00:00Z"),
        endsAt: new Date("2026-10-17T09:00:00Z"),
        joinUrl: "https://zoom.us/j/85746065432",
        meetingId: "85746065432",
      },
      {
        ...base,
        naturalKey: "b",
        courseRef: "NAV-TADA",
        startsAt: new Date("2026-10-17T09:45:00Z"),
        endsAt: new Date("2026-10-17T12:45:00Z"),
        joinUrl: "https://zoom.us/j/91234567890",
        meetingId: "91234567890",
      },
    ]);
  }

  it("says so when the platform has no Moodle connection", async () => {
    const { agent, landing } = await launchAs(t, moodle, "admin");
    const [course] = await t.database.db.select().from(courses);
    await seed(course!.platformId);
    const day = await agent.get(`${landing}/study-days/days/2026-10-17`).expect(200);
    const form = readForm(day.text, 0);
    expect(form.action).to.equal(`${landing}/study-days/days/2026-10-17/publish`);
    const res = await agent.post(form.action).type("form").send(form.fields).expect(409); // configuration, not an outage
    expect(textOf(res.text)).to.include("This platform is not connected to Moodle's web services.");
  });

  it("publishes the day, shows n of m and each class's result, and offers to retry the failed ones", async () => {
    const { agent, landing } = await launchAs(t, moodle, "admin");
    const [course] = await t.database.db.select().from(courses);
    await saveConnection(
      t.database.db,
      KEY,
      course!.platformId,
      { baseUrl: fake.baseUrl, token: fake.token },
      "2",
      new Date(),
    );
    const day = await agent.get(`${landing}/study-days/days/2026-10-17`).expect(200);
    const form = readForm(day.text, 0);
    const done = await agent.post(form.action).type("form").send(form.fields).expect(303);
    const page = await agent.get(done.headers.location as string).expect(200);
    const text = textOf(page.text);
    expect(text).to.include("Published 1 of 2; failed: 1.");
    expect(text).to.include("No information course is set in the settings");
    expect(text).to.match(/BK101 Biznesa komunikācija .* published/);
    expect(text).to.include('Moodle has no course with the short name or id "NAV-TADA".');
    expect(text).to.include("Retry failed");
    const retry = readForm(page.text, 1);
    expect(retry.fields.retry).to.equal("failed");
    const again = await agent.post(retry.action).type("form").send(retry.fields).expect(303);
    expect(textOf((await agent.get(again.headers.location as string).expect(200)).text)).to.include(
      "Published 0 of 1; failed: 1.",
    );
  });

  it("refuses lecturers with 403 and publishes nothing", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    // A launch syncs the course's Moodle groups behind the page (src/bridge): only publishing calls count here.
    const publishing = () => fake.calls.filter((c) => !c.wsfunction?.startsWith("core_group_")).length;
    const calls = publishing();
    const home = await lecturer.agent.get(lecturer.landing).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.text)?.[1];
    expect(csrf, "the lecturer's page carries a CSRF token").to.be.a("string");
    const res = await lecturer.agent
      .post(`${lecturer.landing}/study-days/days/2026-10-17/publish`)
      .type("form")
      .send({ _csrf: csrf })
      .expect(403);
    expect(textOf(res.text)).to.include("Study days are for coordinators only.");
    expect(publishing()).to.equal(calls);
  });

  it("checks an imported schedule's courses against Moodle, and imports unchecked with a warning when Moodle fails", async () => {
    const { agent, landing } = await launchAs(t, moodle, "admin");
    const [course] = await t.database.db.select().from(courses);
    await saveConnection(
      t.database.db,
      KEY,
      course!.platformId,
      { baseUrl: fake.baseUrl, token: fake.token },
      "2",
      new Date(),
    );
    const index = await agent.get(`${landing}/study-days`).expect(200);
    const csrf = readForm(index.text).fields._csrf!;
    const file = Buffer.from(
      scheduleBytes(
        "2026-11-07;1;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BVK-21;tiešsaistē;",
        "2026-11-07;1;;;NAV-TADA;Nekas;Jānis Bērziņš;janis@example.lv;EK-2;tiešsaistē;",
      ),
    );
    const upload = () => agent.post(`${landing}/study-days/import`).field("_csrf", csrf).attach("file", file, "s.csv");
    const refused = await upload().expect(400);
    expect(textOf(refused.text)).to.include(
      '3 Kurss The course "NAV-TADA" was not found in Moodle. Enter the course short name or id.',
    );
    expect(await t.database.db.$count(studyClasses, eq(studyClasses.classDate, "2026-11-07"))).to.equal(0);
    expect(callsOf(fake, "core_course_get_courses_by_field").map((c) => c.params.value)).to.include.members([
      "BK101",
      "NAV-TADA",
    ]);

    fake.simulate.htmlErrorPage = 503;
    try {
      const done = await upload().expect(303);
      expect(done.headers.location).to.match(/imported=2,0,0&unchecked=1$/);
      const page = await agent.get(done.headers.location as string).expect(200);
      expect(textOf(page.text)).to.include("Moodle did not answer, so the courses were not checked.");
    } finally {
      fake.simulate.htmlErrorPage = false;
    }
  });

  it("keeps an announcement's failure on the plan page, not only in the redirect, until an attempt succeeds", async () => {
    const { agent, landing } = await launchAs(t, moodle, "admin");
    const [course] = await t.database.db.select().from(courses);
    await saveConnection(
      t.database.db,
      KEY,
      course!.platformId,
      { baseUrl: fake.baseUrl, token: fake.token },
      "2",
      new Date(),
    );
    await t.database.db
      .update(planningSettings)
      .set({ infoCourseRef: "NOPE" })
      .where(eq(planningSettings.platformId, course!.platformId));
    const dayUrl = `${landing}/study-days/days/2026-10-17`;
    const form = readForm((await agent.get(dayUrl).expect(200)).text, 0);
    const done = await agent.post(form.action).type("form").send(form.fields).expect(303);
    expect(done.headers.location).to.not.include("ann=");
    const later = textOf((await agent.get(dayUrl).expect(200)).text);
    expect(later).to.match(
      /The announcement could not be posted: Moodle has no information course "NOPE"\. Correct it in the settings\. \(tried \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\)/,
    );
    const [attempt] = await t.database.db.select().from(announcementAttempts);
    expect(attempt).to.include({ classDate: "2026-10-17", status: "failed", errorKey: "unknown_info_course" });

    await t.database.db
      .update(planningSettings)
      .set({ infoCourseRef: "INFO" })
      .where(eq(planningSettings.platformId, course!.platformId));
    await agent.post(form.action).type("form").send(form.fields).expect(303);
    expect(textOf((await agent.get(dayUrl).expect(200)).text)).to.not.include("The announcement could not be posted");
    expect((await t.database.db.select().from(announcementAttempts))[0]).to.include({
      status: "published",
      errorKey: null,
    });
  });
});
