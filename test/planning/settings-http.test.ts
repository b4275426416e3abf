import { expect } from "chai";
import { eq } from "drizzle-orm";
import { planningCoordinators, planningSettings, zoomHosts } from "../../src/db/schema.js";
import { readForm, textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs } from "./launch-as.js";

describe(`study-day settings, Zoom pool and coordinators over HTTP (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));

  async function settingsPage() {
    const { agent, landing } = await launchAs(t, moodle, "admin");
    const url = `${landing}/study-days/settings`;
    const page = await agent.get(url).expect(200);
    return { agent, url, page };
  }

  it("adds a Zoom host, re-shows a bad one with its message, and changes and deactivates a host", async () => {
    const { agent, url, page } = await settingsPage();
    const add = readForm(
      page.text,
      page.text.slice(0, page.text.indexOf('data-testid="host-new"')).split("<form").length - 2,
    );
    expect(add.action).to.equal(`${url}/hosts`);
    const bad = await agent
      .post(add.action)
      .type("form")
      .send({ ...add.fields, email: "nav-epasts", concurrency: "3" })
      .expect(400);
    expect(textOf(bad.text)).to.include("Enter a valid email address.");
    expect(textOf(bad.text)).to.include("Choose 1 or 2.");
    expect(bad.text).to.include('value="nav-epasts"');
    const ok = await agent
      .post(add.action)
      .type("form")
      .send({ ...add.fields, email: "Zoom1@Example.lv", concurrency: "1", isActive: "on" });
    expect(ok.status, textOf(ok.text)).to.equal(303);
    const [host] = await t.database.db.select().from(zoomHosts);
    expect(host).to.include({ email: "zoom1@example.lv", concurrency: 1, isActive: true });
    const again = await agent
      .post(add.action)
      .type("form")
      .send({ ...add.fields, email: "zoom1@example.lv", concurrency: "1" })
      .expect(400);
    expect(textOf(again.text)).to.include("An account with this email is already in the pool.");

    const edited = await agent
      .post(`${url}/hosts/${host!.id}`)
      .type("form")
      .send({ _csrf: add.fields._csrf, email: "zoom1@example.lv", zoomUserId: "", concurrency: "2", isActive: "on" });
    expect(edited.status, textOf(edited.text)).to.equal(303);
    await agent
      .post(`${url}/hosts/${host!.id}`)
      .type("form")
      .send({ _csrf: add.fields._csrf, email: "zoom1@example.lv", zoomUserId: "", concurrency: "2" })
      .expect(303);
    const [changed] = await t.database.db.select().from(zoomHosts).where(eq(zoomHosts.id, host!.id));
    expect(changed).to.include({ concurrency: 2, isActive: false });
  });

  it("saves slots, time zone and the information course, and refuses overlapping slots", async () => {
    const { agent, url, page } = await settingsPage();
    const form = readForm(page.text, 0);
    expect(page.text).to.include(">1 09:00–12:00\n2 12:45–15:45</textarea>");
    expect(form.fields).to.include({ timezone: "Europe/Riga", infoCourseRef: "" });
    const bad = await agent
      .post(form.action)
      .type("form")
      .send({ ...form.fields, slots: "1 09:00–12:00\n2 11:00–13:00" })
      .expect(400);
    expect(textOf(bad.text)).to.include("times must not overlap");
    expect(bad.text).to.include("2 11:00–13:00");
    await agent
      .post(form.action)
      .type("form")
      .send({ ...form.fields, slots: "1 8:30-10:00\n2 10:15–11:45\n3 12:30-14:00", infoCourseRef: "INFO" })
      .expect(303);
    const [row] = await t.database.db.select().from(planningSettings);
    expect(row!.slots).to.deep.equal([
      { no: 1, start: "08:30", end: "10:00" },
      { no: 2, start: "10:15", end: "11:45" },
      { no: 3, start: "12:30", end: "14:00" },
    ]);
    expect(row).to.include({ infoCourseRef: "INFO", timezone: "Europe/Riga" });
    expect(url).to.match(/settings$/);
  });

  it("adds and removes coordinators, and a listed one may then open the area", async () => {
    const { agent, url, page } = await settingsPage();
    const form = readForm(
      page.text,
      page.text.slice(0, page.text.indexOf('data-testid="coordinator-form"')).split("<form").length - 2,
    );
    await agent
      .post(form.action)
      .type("form")
      .send({ ...form.fields, userId: "3", name: "Ilze Ozoliņa" })
      .expect(303);
    const lecturer = await launchAs(t, moodle, "instructor");
    await lecturer.agent.get(`${lecturer.landing}/study-days`).expect(200);
    const listed = await agent.get(url).expect(200);
    expect(textOf(listed.text)).to.include("Ilze Ozoliņa (3)");
    await agent.post(`${url}/coordinators/3/remove`).type("form").send({ _csrf: form.fields._csrf }).expect(303);
    expect(await t.database.db.select().from(planningCoordinators)).to.deep.equal([]);
    await lecturer.agent.get(`${lecturer.landing}/study-days/settings`).expect(403);
  });

  it("refuses lecturers and students with 403, on the page and its forms", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    const refused = await lecturer.agent.get(`${lecturer.landing}/study-days/settings`).expect(403);
    expect(textOf(refused.text)).to.include("Study days are for coordinators only.");
    const student = await launchAs(t, moodle, "learner");
    const base = student.landing.replace(/\/me$/, "/study-days/settings");
    await student.agent.get(base).expect(403);
    const hosts = (await t.database.db.select().from(zoomHosts)).length;
    await student.agent
      .post(`${base}/hosts`)
      .type("form")
      .send({ email: "x@example.lv", concurrency: "1" })
      .expect((r) => expect(r.status).to.be.oneOf([403]));
    expect(await t.database.db.select().from(zoomHosts)).to.have.length(hosts);
  });
});
