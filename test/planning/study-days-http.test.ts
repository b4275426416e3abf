import { expect } from "chai";
import { eq } from "drizzle-orm";
import request from "supertest";
import { classChanges, courses, planningCoordinators, planningSettings, studyClasses } from "../../src/db/schema.js";
import { DEFAULT_SLOTS } from "../../src/planning/slots.js";
import { readForm, textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { pdfText } from "../support/pdf-text.js";
import { binary, scheduleBytes } from "./fixtures.js";

describe(`the study-day area over HTTP (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));

  async function launchAs(kind: "instructor" | "learner" | "admin", locale?: string) {
    const agent = request.agent(t.baseUrl);
    const overrides = locale
      ? { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale } }
      : undefined;
    const launch = await launchTool(agent, moodle, { kind, overrides });
    expect(launch.response.status, launch.response.text).to.equal(302);
    const session = await launch.follow();
    expect(session.status, session.text).to.equal(303);
    return { agent, landing: session.headers.location as string };
  }

  async function makeStaffCourse() {
    const [course] = await t.database.db.select().from(courses);
    await t.database.db
      .insert(planningSettings)
      .values({ platformId: course!.platformId, slots: [...DEFAULT_SLOTS], staffContextId: course!.contextId })
      .onConflictDoNothing();
    return course!;
  }

  it("lands an Administrator in the staff course on the study-day area, and lets them import and see the plan", async () => {
    const first = await launchAs("admin");
    expect(first.landing).to.match(/^\/activities\/\d+$/); // no staff course configured yet
    await makeStaffCourse();
    const { agent, landing } = await launchAs("admin");
    expect(landing).to.match(/^\/activities\/\d+\/study-days$/);
    const index = await agent.get(landing).expect(200);
    expect(textOf(index.text)).to.include("Import the semester schedule");

    const csrf = readForm(index.text).fields._csrf!;
    const bytes = scheduleBytes(
      "2026-10-17;1;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BK-1;tiešsaistē;",
      "2026-10-17;2;;;EK201;Ekonomika;Jānis Bērziņš;janis@example.lv;EK-2;tiešsaistē;",
    );
    const imported = await agent
      .post(`${landing}/import`)
      .field("_csrf", csrf)
      .attach("file", Buffer.from(bytes), "grafiks.csv")
      .expect(303);
    const after = await agent.get(imported.headers.location as string).expect(200);
    expect(textOf(after.text)).to.include("Schedule imported: 2 new, 0 changed, 0 unchanged.");

    const day = await agent.get(`${landing}/days/2026-10-17`).expect(200);
    const text = textOf(day.text);
    expect(text).to.match(/09:00–12:00 BK101 Biznesa komunikācija Ilze Ozoliņa BK-1 not assigned .*planned/);
    expect(text.indexOf("BK101")).to.be.lessThan(text.indexOf("EK201"));
  });

  it("reports a bad file row by row and saves nothing", async () => {
    const { agent, landing } = await launchAs("admin");
    const index = await agent.get(landing).expect(200);
    const before = (await t.database.db.select().from(studyClasses)).length;
    const bytes = scheduleBytes(
      "2026-10-18;1;;;BK101;;Ilze Ozoliņa;ilze@example.lv;BK-1;;",
      "2026-10-19;1;;;EK201;;Jānis Bērziņš;;EK-2;;",
    );
    const res = await agent
      .post(`${landing}/import`)
      .field("_csrf", readForm(index.text).fields._csrf!)
      .attach("file", Buffer.from(bytes), "grafiks.csv")
      .expect(400);
    const text = textOf(res.text);
    expect(text).to.include("Nothing was saved.");
    expect(text).to.include("2 Datums 2026-10-18 is a Sunday");
    expect(text).to.include("3 E-pasts The lecturer has no email address.");
    expect(await t.database.db.select().from(studyClasses)).to.have.length(before);
  });

  it("reports a quote that is never closed on the line its row starts, in Latvian and English", async () => {
    const bytes = scheduleBytes(
      "",
      '2026-10-17;1;;;BK101;"Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BK-1;;',
      "2026-10-17;2;;;EK201;Ekonomika;Jānis Bērziņš;janis@example.lv;EK-2;;",
    );
    await makeStaffCourse();
    const before = (await t.database.db.select().from(studyClasses)).length;
    for (const [locale, message] of [
      ["en", "3 A quote opened in this row is never closed."],
      ["lv", "3 Pēdiņas šajā rindā netiek aizvērtas."],
    ] as const) {
      const { agent, landing } = await launchAs("admin", locale);
      const index = await agent.get(landing).expect(200);
      const res = await agent
        .post(`${landing}/import`)
        .field("_csrf", readForm(index.text).fields._csrf!)
        .attach("file", Buffer.from(bytes), "grafiks.csv")
        .expect(400);
      expect(textOf(res.text), locale).to.include(message);
    }
    expect(await t.database.db.select().from(studyClasses)).to.have.length(before);
  });

  it("edits a class (recording the change), re-shows a bad edit with its message, and cancels a class", async () => {
    const { agent, landing } = await launchAs("admin");
    const [cls] = await t.database.db.select().from(studyClasses).where(eq(studyClasses.courseRef, "BK101"));
    const page = await agent.get(`${landing}/classes/${cls!.id}`).expect(200);
    const form = readForm(page.text);
    const bad = await agent
      .post(form.action)
      .type("form")
      .send({ ...form.fields, start: "11:00", end: "13:00" })
      .expect(400);
    expect(textOf(bad.text)).to.include("The time is outside every slot.");
    expect(bad.text).to.include('value="13:00"');
    await agent
      .post(form.action)
      .type("form")
      .send({ ...form.fields, start: "09:30", lecturerName: "Inese Kalna" })
      .expect(303);
    const [edited] = await t.database.db.select().from(studyClasses).where(eq(studyClasses.id, cls!.id));
    expect(edited).to.include({ lecturerName: "Inese Kalna", state: "changed" });
    expect(edited!.startsAt.toISOString()).to.equal("2026-10-17T06:30:00.000Z");
    const changes = await t.database.db.select().from(classChanges).where(eq(classChanges.classId, cls!.id));
    expect(changes.at(-1)).to.deep.include({
      kind: "edited",
      byUserId: "2",
      diff: {
        startsAt: { from: "2026-10-17T06:00:00.000Z", to: "2026-10-17T06:30:00.000Z" },
        lecturerName: { from: "Ilze Ozoliņa", to: "Inese Kalna" },
      },
    });

    const day = await agent.get(`${landing}/days/2026-10-17`).expect(200);
    expect(
      [...day.text.matchAll(/<form\b[^>]*action="([^"]*)"/g)].filter((m) => m[1]!.endsWith("/cancel")),
    ).to.deep.equal([]); // one click no longer cancels: the button opens a confirm page
    const confirmPage = await agent.get(`${landing}/classes/${cls!.id}/cancel`).expect(200);
    const cancel = readForm(confirmPage.text);
    expect(cancel.action).to.equal(`${landing}/classes/${cls!.id}/cancel`);
    const done = await agent.post(cancel.action).type("form").send(cancel.fields).expect(303);
    const after = await agent.get(done.headers.location as string).expect(200);
    expect(textOf(after.text)).to.include("The class is cancelled.");
    const [cancelled] = await t.database.db.select().from(studyClasses).where(eq(studyClasses.id, cls!.id));
    expect(cancelled!.state).to.equal("cancelled");
  });

  it("refuses lecturers and students with 403, and lands a listed coordinator on the area", async () => {
    const lecturer = await launchAs("instructor");
    expect(lecturer.landing).to.match(/^\/activities\/\d+$/);
    const refused = await lecturer.agent.get(`${lecturer.landing}/study-days`).expect(403);
    expect(textOf(refused.text)).to.include("Study days are for coordinators only.");
    const student = await launchAs("learner");
    await student.agent.get(student.landing.replace(/\/me$/, "/study-days")).expect(403);
    await student.agent.get(student.landing.replace(/\/me$/, "/study-days/template.csv")).expect(403);
    await student.agent.get(student.landing.replace(/\/me$/, "/study-days/days/2026-10-17/plan.pdf")).expect(403);

    const course = await makeStaffCourse();
    await t.database.db
      .insert(planningCoordinators)
      .values({ platformId: course.platformId, userId: "3", name: "Ilze Ozoliņa" });
    const listed = await launchAs("instructor");
    expect(listed.landing).to.match(/\/study-days$/);
    await listed.agent.get(listed.landing).expect(200);
  });

  it("links the day plan's PDF, whose text has the classes with Latvian letters", async () => {
    const { agent, landing } = await launchAs("admin");
    const day = await agent.get(`${landing}/days/2026-10-17`).expect(200);
    expect(day.text).to.include(`href="${landing}/days/2026-10-17/plan.pdf"`);
    const res = await agent.get(`${landing}/days/2026-10-17/plan.pdf`).buffer(true).parse(binary).expect(200);
    expect(res.headers["content-type"]).to.equal("application/pdf");
    const text = pdfText(res.body as Buffer);
    expect(text).to.include("Jānis Bērziņš");
    expect(text).to.include("Ekonomika");
  });

  it("offers a CSV template that the importer reads", async () => {
    const { agent, landing } = await launchAs("admin");
    const res = await agent.get(`${landing}/template.csv`).buffer(true).parse(binary).expect(200);
    expect(res.headers["content-type"]).to.match(/^text\/csv/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(body.toString("utf8")).to.include("Date;Slot;Start;End;Course;Course title;Lecturer;Email;Groups;Mode;Room");
  });

  it("offers an XLSX template and imports an uploaded XLSX with the same natural keys", async () => {
    const { agent, landing } = await launchAs("admin");
    const template = await agent.get(`${landing}/template.xlsx`).buffer(true).parse(binary).expect(200);
    expect(template.headers["content-type"]).to.match(/spreadsheetml\.sheet/);
    const index = await agent.get(landing).expect(200);
    expect(index.text).to.include(`href="${landing}/template.xlsx"`);
    const imported = await agent
      .post(`${landing}/import`)
      .field("_csrf", readForm(index.text).fields._csrf!)
      .attach("file", template.body as Buffer, "grafiks.xlsx")
      .expect(303);
    const after = await agent.get(imported.headers.location as string).expect(200);
    expect(textOf(after.text)).to.include("Schedule imported: 1 new, 1 changed, 0 unchanged."); // EK201 12:45 EK-2 was imported from CSV before
    const [ek] = await t.database.db.select().from(studyClasses).where(eq(studyClasses.courseRef, "EK201"));
    expect(ek).to.include({ isOnline: false, room: "210" });
  });

  it("answers a bad date, a bad id, no file and a too-long link as it always has: 404 Invalid date, 404, 400 with the message", async () => {
    const student = await launchAs("learner");
    for (const path of ["days/2026-02-30", "days/2026-02-30/plan.pdf", "classes/abc"])
      await student.agent.get(student.landing.replace(/\/me$/, `/study-days/${path}`)).expect(403); // the role first

    const { agent, landing } = await launchAs("admin");
    for (const path of ["days/2026-02-30", "days/17.10.2026/plan.pdf"]) {
      const res = await agent.get(`${landing}/${path}`).expect(404);
      expect(textOf(res.text), path).to.include("Invalid date.");
    }
    const csrf = readForm((await agent.get(landing).expect(200)).text).fields._csrf!;
    const zoom = await agent.post(`${landing}/days/2026-13-01/zoom`).type("form").send({ _csrf: csrf }).expect(404);
    expect(textOf(zoom.text)).to.include("Invalid date.");
    for (const id of ["abc", "0", "2147483648", "999999"]) {
      await agent.get(`${landing}/classes/${id}`).expect(404);
      await agent.get(`${landing}/classes/${id}/cancel`).expect(404);
      await agent.post(`${landing}/classes/${id}/restore`).type("form").send({ _csrf: csrf }).expect(404);
    }
    for (const file of [null, Buffer.alloc(0)]) {
      const upload = agent.post(`${landing}/import`).field("_csrf", csrf);
      const none = await (file ? upload.attach("file", file, "empty.csv") : upload).expect(400);
      expect(textOf(none.text)).to.include("Choose a schedule file.");
      expect(none.text).to.include(`href="${landing}/days/2026-10-17"`); // the dates are still listed
    }

    const [ek] = await t.database.db.select().from(studyClasses).where(eq(studyClasses.courseRef, "EK201"));
    const form = readForm((await agent.get(`${landing}/classes/${ek!.id}`).expect(200)).text);
    const typed = { ...form.fields, lecturerName: "Ieva Kalniņa", manualUrl: "x".repeat(1001) };
    const bad = await agent.post(form.action).type("form").send(typed).expect(400);
    expect(textOf(bad.text)).to.include("Enter a full link starting with https://.");
    expect(bad.text).to.include('value="Ieva Kalniņa"');
    const [unchanged] = await t.database.db.select().from(studyClasses).where(eq(studyClasses.id, ek!.id));
    expect(unchanged!.lecturerName).to.equal(ek!.lecturerName);

    const host = { _csrf: csrf, email: "zoom9@example.lv", concurrency: "1", isActive: "on" };
    await agent.post(`${landing}/settings/hosts/abc`).type("form").send(host).expect(404);
    await agent.post(`${landing}/settings/hosts/999999`).type("form").send(host).expect(404);
  });
});
