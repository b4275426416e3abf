import { expect } from "chai";
import { eq } from "drizzle-orm";
import request from "supertest";
import { courses, planningSettings, studyClasses } from "../../src/db/schema.js";
import { DEFAULT_SLOTS } from "../../src/planning/slots.js";
import { readForm, textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { binary, scheduleBytes } from "./fixtures.js";

describe(`study-day pages in Latvian words and formats (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));

  async function coordinator(locale: "lv" | "en") {
    const agent = request.agent(t.baseUrl);
    const overrides = { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale } };
    const launch = await launchTool(agent, moodle, { kind: "admin", overrides });
    expect(launch.response.status, launch.response.text).to.equal(302);
    const session = await launch.follow();
    const landing = session.headers.location as string;
    const index = await agent.get(landing).expect(200);
    return { agent, landing, index, csrf: readForm(index.text).fields._csrf! };
  }

  before(async () => {
    await coordinator("lv"); // records the course
    const [course] = await t.database.db.select().from(courses);
    await t.database.db
      .insert(planningSettings)
      .values({ platformId: course!.platformId, slots: [...DEFAULT_SLOTS], staffContextId: course!.contextId })
      .onConflictDoNothing();
    const { agent, landing, csrf } = await coordinator("lv");
    await agent
      .post(`${landing}/import`)
      .field("_csrf", csrf)
      .attach(
        "file",
        Buffer.from(
          scheduleBytes("2026-10-17;1;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BK-1;tiešsaistē;"),
        ),
        "grafiks.csv",
      )
      .expect(303);
  });

  it("writes study-day dates as Latvians write them, not ISO (sestdiena, 17.10.2026)", async () => {
    const { agent, landing } = await coordinator("lv");
    const index = textOf((await agent.get(landing).expect(200)).text);
    expect(index).to.include("sestdiena, 17.10.2026 1 nodarbība").and.not.include(" 2026-10-17 ");
    const day = textOf((await agent.get(`${landing}/days/2026-10-17`).expect(200)).text);
    expect(day).to.include("Studiju dienas plāns: sestdiena, 2026. gada 17. oktobris");
    const en = await coordinator("en");
    expect(textOf((await en.agent.get(en.landing).expect(200)).text)).to.include("Saturday, 17 Oct 2026");
  });

  it("says the end is before the start on the edit form (not 'write the time as 9:00')", async () => {
    const { agent, landing } = await coordinator("lv");
    const [cls] = await t.database.db.select().from(studyClasses).where(eq(studyClasses.courseRef, "BK101"));
    const form = readForm((await agent.get(`${landing}/classes/${cls!.id}`).expect(200)).text);
    const bad = await agent
      .post(form.action)
      .type("form")
      .send({ ...form.fields, start: "11:00", end: "10:00" })
      .expect(400);
    expect(textOf(bad.text)).to.include("Beigām jābūt pēc sākuma.").and.not.include("formā 9:00");
  });

  it("names the day plan PDF in English for an English coordinator", async () => {
    const en = await coordinator("en");
    const pdf = await en.agent.get(`${en.landing}/days/2026-10-17/plan.pdf`).buffer(true).parse(binary).expect(200);
    expect(pdf.headers["content-disposition"]).to.match(/filename="?study-day-2026-10-17\.pdf/);
    const lv = await coordinator("lv");
    const lvPdf = await lv.agent.get(`${lv.landing}/days/2026-10-17/plan.pdf`).buffer(true).parse(binary).expect(200);
    expect(lvPdf.headers["content-disposition"]).to.match(/filename="?studiju-diena-2026-10-17\.pdf/);
  });

  it("says Zoom is not connected without naming environment variables", async () => {
    const { agent, landing, csrf } = await coordinator("lv");
    const res = await agent.post(`${landing}/days/2026-10-17/zoom`).type("form").send({ _csrf: csrf }).expect(409);
    expect(textOf(res.text)).to.include("Zoom nav pievienots; vērsieties pie administratora.").and.not.match(/ZOOM_/);
  });

  it("reports a binary schedule file as not a CSV or XLSX file, and refuses a file without a column by its Latvian name", async () => {
    const { agent, landing, csrf } = await coordinator("lv");
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from([0, 0xff, 0xfe, 1, 2, 3])]);
    const bad = await agent
      .post(`${landing}/import`)
      .field("_csrf", csrf)
      .attach("file", pdf, "grafiks.csv")
      .expect(400);
    expect(textOf(bad.text)).to.include("Šis nav CSV vai XLSX fails.");
    const noLecturer = Buffer.from("Datums;Slots;Kurss;E-pasts\n2026-10-17;1;BK101;a@example.lv\n");
    const missing = await agent
      .post(`${landing}/import`)
      .field("_csrf", csrf)
      .attach("file", noLecturer, "grafiks.csv")
      .expect(400);
    expect(textOf(missing.text)).to.include("Trūkst kolonnas „Pasniedzējs”").and.not.include("„lecturer”");
  });
});
