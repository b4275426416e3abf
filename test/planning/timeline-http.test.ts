import { expect } from "chai";
import request from "supertest";
import { courses } from "../../src/db/schema.js";
import { signLecturerLink } from "../../src/planning/timeline/lecturer-link.js";
import { runDueSteps } from "../../src/planning/timeline/run-due-steps.js";
import { readForm, textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { DATE, dayPlus, KEY, makeWorld, timelineDeps } from "./timeline-world.js";

describe(`the study-day timeline page over HTTP (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let platformId: string;
  withRegisteredApp((app) => ({ t, moodle } = app));

  async function launchAs(kind: "instructor" | "admin", locale: "lv" | "en") {
    const agent = request.agent(t.baseUrl);
    const overrides = { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale } };
    const launch = await launchTool(agent, moodle, { kind, overrides });
    expect(launch.response.status, launch.response.text).to.equal(302);
    const session = await launch.follow();
    expect(session.status, session.text).to.equal(303);
    const landing = (session.headers.location as string).replace(/\/study-days$/, "");
    return { agent, area: `${landing}/study-days` };
  }

  before(async () => {
    t.clock.set(dayPlus(-8));
    await launchAs("admin", "en"); // the launch makes the platform's course
    const [course] = await t.database.db.select().from(courses);
    platformId = course!.platformId;
    await makeWorld(t.database.db, platformId);
  });
  after(() => t.clock.set(null));

  it("shows the steps in order with their times, runs one now, and says what it did (English)", async () => {
    t.clock.set(dayPlus(-8));
    const { agent, area } = await launchAs("admin", "en");
    const page = await agent.get(`${area}/days/${DATE}/timeline`).expect(200);
    const text = textOf(page.text);
    expect(text).to.include("Timeline: Saturday, 17 October");
    const order = [
      "Plan and Zoom",
      "Reminders to lecturers",
      "Reminders to students",
      "Publishing to Moodle",
      "Briefing",
    ];
    const steps = textOf(page.text.slice(page.text.indexOf('data-testid="timeline"'))); // the table, not the links above it
    expect(order.map((s) => steps.indexOf(s))).to.satisfy((ix: number[]) =>
      ix.every((v, i) => v > 0 && (i === 0 || v > ix[i - 1]!)),
    );
    expect(text).to.include("Tue 13 Oct, 09:00");
    expect(text).to.include("not yet due");

    const form = readForm(page.text, 2); // 0 pause, 1 plan, 2 lecturer reminders
    expect(form.action).to.equal(`${area}/days/${DATE}/timeline/steps/lecturer_reminders`);
    await agent
      .post(form.action)
      .type("form")
      .send({ ...form.fields, mode: "run" })
      .expect(303);
    const after = textOf((await agent.get(`${area}/days/${DATE}/timeline?notice=ran`).expect(200)).text);
    expect(after).to.include("The step ran.");
    expect(after).to.include("3 of 3 classes");
    expect(after).to.include("Messages: queued 2, sent 0, failed 0, skipped 0");

    const list = textOf((await agent.get(area).expect(200)).text);
    expect(list).to.include("Reminders sent 0/2; 0 failed");
  });

  it("pauses the day: the job then runs nothing by itself (Latvian page)", async () => {
    t.clock.set(dayPlus(-8));
    const { agent, area } = await launchAs("admin", "lv");
    const page = await agent.get(`${area}/days/${DATE}/timeline`).expect(200);
    expect(textOf(page.text)).to.include("Grafiks: Sestdiena, 17. oktobris");
    expect(textOf(page.text)).to.include("Atgādinājumi studentiem");
    expect(textOf(page.text)).to.include("Otrdiena, 13. oktobris, 09:00");
    const pause = readForm(page.text, 0);
    await agent.post(pause.action).type("form").send(pause.fields).expect(303);
    const paused = textOf((await agent.get(`${area}/days/${DATE}/timeline`).expect(200)).text);
    expect(paused).to.include("Automātika šai dienai ir apturēta");
    await runDueSteps(timelineDeps(t.database.db), dayPlus(-4, 1));
    const still = (await agent.get(`${area}/days/${DATE}/timeline`).expect(200)).text;
    expect(still).to.include('data-step="student_reminders" data-state="not_due"');
    expect((await agent.get(area).expect(200)).text).to.include("automātika apturēta");
    const resume = readForm((await agent.get(`${area}/days/${DATE}/timeline`)).text, 0);
    expect(resume.fields.paused).to.equal("0");
    await agent.post(resume.action).type("form").send(resume.fields).expect(303);
  });

  it("is for coordinators only: a lecturer gets 403 on the page and on run now", async () => {
    const admin = await launchAs("admin", "en");
    const csrf = readForm((await admin.agent.get(`${admin.area}/days/${DATE}/timeline`)).text, 1).fields._csrf!;
    const { agent, area } = await launchAs("instructor", "en");
    const page = await agent.get(`${area}/days/${DATE}/timeline`).expect(403);
    expect(textOf(page.text)).to.include("Study days are for coordinators only");
    await agent
      .post(`${area}/days/${DATE}/timeline/steps/publish`)
      .type("form")
      .send({ _csrf: csrf, mode: "run" })
      .expect(403);
  });

  it("gives a lecturer's signed link their classes and takes their answer, in their language; edited or expired links get a clear page", async () => {
    t.clock.set(dayPlus(-3));
    const token = signLecturerLink(KEY, { platformId, classDate: DATE, email: "ilze@kolegija.lv" }, "Europe/Riga");
    const agent = request.agent(t.baseUrl);
    const page = await agent.get(`/studyday/l/${token}`).set("Accept-Language", "lv").expect(200);
    expect(textOf(page.text)).to.include("Studiju diena Sestdiena, 17. oktobris");
    expect(textOf(page.text)).to.include("09:00–12:00 BK101 Biznesa komunikācija · BVK-21");
    const form = readForm(page.text, 0);
    await agent
      .post(`/studyday/l/${token}`)
      .set("Accept-Language", "lv")
      .type("form")
      .send({ ...form.fields, answer: "help", note: "Vajag otru monitoru" })
      .expect(303);
    const saved = textOf((await agent.get(`/studyday/l/${token}?saved=help`).set("Accept-Language", "lv")).text);
    expect(saved).to.include("Centrs redzēs jūsu lūgumu");
    expect(saved).to.include("Jūs esat lūdzis palīdzību.");
    const counts = readForm((await agent.get(`/studyday/l/${token}`).set("Accept-Language", "en")).text, 1);
    expect(counts.action).to.equal(`/studyday/l/${token}/counts`);
    const bad = await agent
      .post(counts.action)
      .set("Accept-Language", "en")
      .type("form")
      .send({ ...counts.fields, [Object.keys(counts.fields)[0]!]: "12a" })
      .expect(400);
    expect(textOf(bad.text)).to.include("Enter a whole number (0–9999).");
    expect(bad.text).to.include('aria-invalid="true"');
    const filled = Object.fromEntries(Object.keys(counts.fields).map((k, i) => [k, String(20 + i)]));
    await agent.post(counts.action).type("form").send(filled).expect(303);
    const again = readForm((await agent.get(`/studyday/l/${token}?saved=counts`).set("Accept-Language", "en")).text, 1);
    expect(Object.values(again.fields)).to.deep.equal(["20", "21"]);
    const tooLong = await agent
      .post(`/studyday/l/${token}`)
      .set("Accept-Language", "en")
      .type("form")
      .send({ answer: "confirmed", note: "x".repeat(2_001) })
      .expect(400);
    expect(textOf(tooLong.text)).to.include("The note may be at most 2,000 characters long.");
    const edited = await agent
      .get(`/studyday/l/${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)
      .set("Accept-Language", "en")
      .expect(404);
    expect(textOf(edited.text)).to.include("This link is not valid.");
    t.clock.set(dayPlus(8, 16));
    const expired = await agent.get(`/studyday/l/${token}`).set("Accept-Language", "en").expect(410);
    expect(textOf(expired.text)).to.include("This link has expired.");
  });
});
