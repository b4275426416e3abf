import { expect } from "chai";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import request from "supertest";
import { createSessions } from "../../src/attendance/sessions/create-sessions.js";
import { closeSession } from "../../src/attendance/sessions/close-session.js";
import { recordMarks } from "../../src/attendance/register/record-marks.js";
import { listStatusSets } from "../../src/attendance/statuses/queries.js";
import {
  activities,
  courseMembers,
  courses,
  followupContacts,
  followupRules,
  notifyDeliveries,
  notifyMessages,
  planningCoordinators,
} from "../../src/db/schema.js";
import { evaluateFollowup } from "../../src/followup/index.js";
import type { Actor } from "../../src/lti/actor.js";
import { textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

const DAY = 24 * 3_600_000;
const NOW = new Date("2026-11-02T12:00:00Z");

describe(`the Follow-up page and the at-risk list over HTTP (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));

  async function launchAs(kind: "instructor" | "learner" | "admin", locale = "lv") {
    const agent = request.agent(t.baseUrl);
    const overrides = { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale } };
    const launch = await launchTool(agent, moodle, { kind, overrides });
    expect(launch.response.status, launch.response.text).to.equal(302);
    const session = await launch.follow();
    expect(session.status, session.text).to.equal(303);
    const activityId = Number(/\/activities\/(\d+)/.exec(session.headers.location as string)![1]);
    return { agent, activityId, base: `/activities/${activityId}/followup` };
  }
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

  /** Four weekly sessions; Zane misses the last three, Pēteris attends all. */
  async function seedCourse(courseId: number, activityId: number, prefix: string) {
    const db = t.database.db;
    const [course] = await db.select().from(courses).where(eq(courses.id, courseId));
    await db
      .insert(courseMembers)
      .values([
        {
          courseId,
          userId: `${prefix}z`,
          name: `Zane Ābola ${prefix}`,
          familyName: "Ābola",
          givenName: "Zane",
          isLearner: true,
          roles: ["Learner"],
          email: "zane@example.lv",
        },
        {
          courseId,
          userId: `${prefix}p`,
          name: `Pēteris Liepa ${prefix}`,
          familyName: "Liepa",
          givenName: "Pēteris",
          isLearner: true,
          roles: ["Learner"],
          email: "peteris@example.lv",
        },
      ])
      .onConflictDoNothing();
    const actor = {
      platformId: course!.platformId,
      courseId,
      activityId,
      userId: "3",
      isLecturer: true,
      isStudent: false,
      isAdmin: false,
      locale: "lv",
    } as Actor;
    const [set] = await listStatusSets(db, activityId);
    const [P, , , A] = set!.statuses.map((s) => s.id) as [number, number, number, number];
    const start = new Date("2026-10-01T06:00:00Z").getTime();
    for (let i = 0; i < 4; i++) {
      const date = new Date(start + i * 7 * DAY).toISOString().slice(0, 10);
      const at = new Date(start + i * 7 * DAY + 2 * 3_600_000);
      const [sid] = await createSessions(
        db,
        actor,
        activityId,
        { date, startTime: "09:00", endTime: "10:30", description: "", room: null, lecturerUserId: null, groupIds: [] },
        null,
        new Date("2026-09-01T00:00:00Z"),
      );
      const wish = (userId: string, statusId: number) => ({
        userId,
        statusId,
        shownStatusId: null,
        remark: "",
        shownRemark: "",
      });
      await recordMarks(db, actor, activityId, sid!, [wish(`${prefix}z`, i === 0 ? P : A), wish(`${prefix}p`, P)], at);
      await closeSession(db, actor, activityId, sid!, at);
    }
  }

  let mine: { activityId: number };
  let otherActivityId: number;
  before(async () => {
    const db = t.database.db;
    const lecturer = await launchAs("instructor");
    mine = lecturer;
    const [activity] = await db.select().from(activities).where(eq(activities.id, lecturer.activityId));
    await seedCourse(activity!.courseId, activity!.id, "a");
    const [course] = await db.select().from(courses).where(eq(courses.id, activity!.courseId));
    const [other] = await db
      .insert(courses)
      .values({ platformId: course!.platformId, contextId: "other-course", title: "Grāmatvedība" })
      .returning();
    const [otherActivity] = await db
      .insert(activities)
      .values({ courseId: other!.id, linkKey: "other-link", resourceLinkId: "other-rl", title: "Apmeklējums" })
      .returning();
    otherActivityId = otherActivity!.id;
    await seedCourse(other!.id, otherActivity!.id, "b");
    t.clock.set(NOW);
  });
  after(() => t.clock.set(null));

  it("offers the default rules to a lecturer in Latvian, saves them, and refuses a bad form keeping what was typed", async () => {
    const { agent, base, activityId } = await launchAs("instructor");
    const sessions = await agent.get(`/activities/${activityId}/attendance/sessions`).expect(200);
    expect(sessions.text).to.include(`href="${base}"`);
    const page = await agent.get(base).expect(200);
    const text = textOf(page.text);
    expect(text).to.include("Sekošana vēl nav ieslēgta");
    expect(page.text).to.match(/name="belowPercent"[^>]*value="80"/);
    expect(page.text).to.match(/name="consecutiveCount"[^>]*value="3"/);
    const form = {
      _csrf: csrfOf(page.text),
      belowIsOn: "on",
      belowPercent: "150",
      belowMinSessions: "3",
      belowToStudent: "on",
      consecutiveIsOn: "on",
      consecutiveCount: "3",
      unexcusedIsOn: "on",
      delayMinutes: "30",
      mentorEmails: "mentors@kolegija.lv, nav-adrese",
    };
    const refused = await agent.post(`${base}/rules`).type("form").send(form).expect(400);
    const refusedText = textOf(refused.text);
    expect(refusedText).to.include("Skaitlis ir ārpus atļautajām robežām.");
    expect(refusedText).to.include("Šī nav derīga e-pasta adrese.");
    expect(refusedText).to.include("Izvēlieties vismaz vienu statusu, kas skaitās kavējums.");
    expect(refused.text).to.match(/name="belowPercent"[^>]*value="150"/);
    expect(
      await t.database.db.select().from(followupRules).where(eq(followupRules.activityId, activityId)),
    ).to.have.length(0);
    const [set] = await listStatusSets(t.database.db, activityId);
    const A = set!.statuses.find((s) => s.acronym === "A")!.id;
    const saved = await agent
      .post(`${base}/rules`)
      .type("form")
      .send({ ...form, belowPercent: "80", mentorEmails: "mentors@kolegija.lv", absenceStatusIds: String(A) });
    expect(saved.status, saved.text).to.equal(303);
    const after = await agent.get(saved.headers.location as string).expect(200);
    expect(textOf(after.text)).to.include("Noteikumi saglabāti.");
    expect(textOf(after.text)).to.include("Sekošana ir ieslēgta");
    const [row] = await t.database.db.select().from(followupRules).where(eq(followupRules.activityId, activityId));
    expect(row!.config).to.deep.include({
      absenceStatusIds: [A],
      delayMinutes: 30,
      mentorEmails: ["mentors@kolegija.lv"],
    });
    expect(row!.config.below).to.deep.include({ isOn: true, percent: 80, toStudent: true, toLecturers: false });
  });

  it("lists the lecturer's students at risk with percentage, trend, absences in a row, last attended, open warnings", async () => {
    await evaluateFollowup(t.database.db, NOW);
    const { agent, base } = await launchAs("instructor", "en");
    const page = await agent.get(base).expect(200);
    const text = textOf(page.text);
    expect(text).to.include("Students at risk");
    expect(text).to.include("Zane Ābola a");
    expect(text).not.to.include("Pēteris Liepa a"); // present every time: not at risk
    expect(text).not.to.include("Grāmatvedība");
    const row = /<tr data-user="az">([\s\S]*?)<\/tr>/.exec(page.text)![1]!;
    const cells = textOf(row);
    expect(cells).to.include("25 %");
    expect(cells).to.include("1 Oct 2026"); // the last session attended
    expect(cells).to.match(/\b3\b/); // three in a row
    // by family name in Latvian order: Ābola before Liepa (Ā sorts with A, not after Z)
    const byName = textOf((await agent.get(`${base}?show=all&sort=name`).expect(200)).text);
    expect(byName.indexOf("Zane Ābola a")).to.be.within(0, byName.indexOf("Pēteris Liepa a"));
    const desc = textOf((await agent.get(`${base}?show=all&sort=name&dir=desc`).expect(200)).text);
    expect(desc.indexOf("Pēteris Liepa a")).to.be.within(0, desc.indexOf("Zane Ābola a"));
    const searched = textOf((await agent.get(`${base}?show=all&q=pēt`).expect(200)).text);
    expect(searched).to.include("Pēteris Liepa a");
    expect(searched).not.to.include("Zane Ābola a");
  });

  it("counts warnings sent as open warnings and writes the list as CSV (Latvian: ; and decimal commas) and XLSX", async () => {
    const { agent, base } = await launchAs("instructor");
    const page = await agent.get(`${base}?show=warned`).expect(200);
    expect(textOf(page.text)).to.include("Zane Ābola a");
    const csv = await agent.get(`${base}?format=csv`).expect(200);
    expect(csv.headers["content-type"]).to.match(/text\/csv/);
    expect(csv.headers["content-disposition"]).to.match(/attachment; filename="at-risk-\d+\.csv"/);
    const lines = csv.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).to.equal(
      'Students;Kurss;Aktivitāte;"Apmeklējums, %";Tendence;Kavējumi pēc kārtas;Pēdējoreiz apmeklēja;Atvērti brīdinājumi;Pēdējā saziņa',
    );
    expect(lines.find((l) => l.startsWith("Zane Ābola a;"))).to.match(
      /^Zane Ābola a;.*;25;.*;3;01\.10\.2026\.;[1-9];$/,
    );
    expect(lines.some((l) => l.startsWith("Pēteris"))).to.equal(false);
    const xlsx = await agent
      .get(`${base}?format=xlsx`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    const zane = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === "Zane Ābola a")!;
    expect(zane.getCell(4).value).to.equal(25);
  });

  it("shows an admin every course of the platform; a lecturer asking for it is refused with 403", async () => {
    const admin = await launchAs("admin", "en");
    const text = textOf((await admin.agent.get(`${admin.base}?scope=platform`).expect(200)).text);
    expect(text).to.include("The students of every course of the platform.");
    expect(text).to.include("Zane Ābola a");
    expect(text).to.include("Zane Ābola b");
    expect(text).to.include("Grāmatvedība");
    const lecturer = await launchAs("instructor");
    const refused = await lecturer.agent.get(`${lecturer.base}?scope=platform`).expect(403);
    expect(textOf(refused.text)).to.include("Visu kursu riska sarakstu redz koordinatori un administratori.");
  });

  it("lets a listed coordinator (launched as a lecturer) see every course", async () => {
    const db = t.database.db;
    const [course] = await db.select().from(courses).limit(1);
    await db.insert(planningCoordinators).values({ platformId: course!.platformId, userId: "3", name: "Ilze" });
    try {
      const lecturer = await launchAs("instructor", "en");
      const text = textOf((await lecturer.agent.get(`${lecturer.base}?scope=platform&show=all`).expect(200)).text);
      expect(text).to.include("Pēteris Liepa b");
    } finally {
      await db
        .delete(planningCoordinators)
        .where(and(eq(planningCoordinators.platformId, course!.platformId), eq(planningCoordinators.userId, "3")));
    }
  });

  it("refuses students the Follow-up page (403) and another course's activity with this launch", async () => {
    const student = await launchAs("learner");
    const refused = await student.agent.get(student.base).expect(403);
    expect(textOf(refused.text)).to.include("Riska sarakstu redz kursa pasniedzēji");
    const lecturer = await launchAs("instructor");
    const other = await lecturer.agent.get(`/activities/${otherActivityId}/followup`);
    expect(other.status).to.be.oneOf([401, 403, 404]);
    expect(textOf(other.text)).not.to.include("Zane Ābola b");
    const page = await lecturer.agent.get(lecturer.base).expect(200);
    const post = await lecturer.agent
      .post(`/activities/${otherActivityId}/followup/rules`)
      .type("form")
      .send({ _csrf: csrfOf(page.text), belowPercent: "10" });
    expect(post.status).to.be.oneOf([401, 403, 404]);
    expect(
      await t.database.db.select().from(followupRules).where(eq(followupRules.activityId, otherActivityId)),
    ).to.have.length(0);
    expect(mine.activityId).to.not.equal(otherActivityId);
  });

  it("shows a student their own warnings and what they mean, in their language; a lecturer there is refused", async () => {
    // Jānis (the launching student) was closed as absent in all four sessions
    const student = await launchAs("learner", "en");
    const home = await student.agent.get(`/activities/${student.activityId}/me`).expect(200);
    expect(home.text).to.include(`href="${student.base}/me"`);
    expect(textOf(home.text)).to.include("My absence warnings");
    const text = textOf((await student.agent.get(`${student.base}/me`).expect(200)).text);
    expect(text).to.include("My warnings");
    expect(text).to.include("Your attendance: 0 %. Absences in a row: 4.");
    expect(text).to.include("4 sessions missed in a row in force");
    expect(text).to.include("Sessions: 1 Oct 2026, 8 Oct 2026, 15 Oct 2026, 22 Oct 2026");
    expect(text).to.include("Contact your lecturer or mentor");
    expect(text).not.to.include("Zane");
    const lv = await launchAs("learner", "lv");
    const lvText = textOf((await lv.agent.get(`${lv.base}/me`).expect(200)).text);
    expect(lvText).to.include("4 kavētas nodarbības pēc kārtas spēkā");
    expect(lvText).to.include("Nodarbības: 01.10.2026., 08.10.2026., 15.10.2026., 22.10.2026.");
    const lecturer = await launchAs("instructor");
    await lecturer.agent.get(`${lecturer.base}/me`).expect(403);
  });

  it("lets an admin contact another course's student from the platform list: a message through the outbox, the log, 'contacted on ... by ...'", async () => {
    const admin = await launchAs("admin");
    const list = await admin.agent.get(`${admin.base}?scope=platform`).expect(200);
    const link = new RegExp(
      `href="(/activities/${admin.activityId}/followup/students/bz\\?of=${otherActivityId})"`,
    ).exec(list.text);
    expect(link, "a link to Zane b's page").to.not.equal(null);
    const page = await admin.agent.get(link![1]!.replace("&amp;", "&")).expect(200);
    expect(textOf(page.text)).to.include("Saziņas vēl nav bijis.");
    expect(page.text).to.include("Labdien, Zane!");
    const form = {
      _csrf: csrfOf(page.text),
      channel: "message",
      message: "",
      note: "zvanīt piektdien",
      followDays: "7",
    };
    const refused = await admin.agent.post(link![1]!).type("form").send(form).expect(400);
    expect(textOf(refused.text)).to.include("Uzrakstiet ziņu studentam.");
    expect(refused.text).to.include("zvanīt piektdien");
    const saved = await admin.agent
      .post(link![1]!)
      .type("form")
      .send({ ...form, message: "Labdien, Zane! Lūdzu, piezvaniet." });
    expect(saved.status, saved.text).to.equal(303);
    const after = textOf((await admin.agent.get(saved.headers.location as string).expect(200)).text);
    expect(after).to.include("Saziņa ierakstīta.");
    expect(after).to.match(/sazinājās 02\.11\.2026\., .+ · ziņa studentam \(e-pasts\) · seko līdz 09\.11\.2026\./);
    const [contact] = await t.database.db.select().from(followupContacts).where(eq(followupContacts.userId, "bz"));
    expect(contact).to.include({ activityId: otherActivityId, channel: "message", note: "zvanīt piektdien" });
    const [message] = await t.database.db
      .select()
      .from(notifyMessages)
      .where(eq(notifyMessages.id, contact!.messageId!));
    expect(message).to.include({ kind: "followup-contact" });
    const [delivery] = await t.database.db
      .select()
      .from(notifyDeliveries)
      .where(eq(notifyDeliveries.messageId, message!.id));
    expect(delivery).to.include({ email: "zane@example.lv", state: "queued" });
    const listAfter = textOf((await admin.agent.get(`${admin.base}?scope=platform`).expect(200)).text);
    expect(listAfter).to.match(/sazinājās 02\.11\.2026\., .+ seko/);
  });

  it("lets a lecturer record a phone call with their own student, and answers 404 for another course's student", async () => {
    const lecturer = await launchAs("instructor", "en");
    await lecturer.agent.get(`${lecturer.base}/students/bz?of=${otherActivityId}`).expect(404);
    await lecturer.agent.get(`${lecturer.base}/students/bz`).expect(404);
    const page = await lecturer.agent.get(`${lecturer.base}/students/az`).expect(200);
    const saved = await lecturer.agent
      .post(`${lecturer.base}/students/az`)
      .type("form")
      .send({
        _csrf: csrfOf(page.text),
        channel: "phone",
        message: "",
        note: "Will come on Thursday",
        followDays: "0",
      });
    expect(saved.status, saved.text).to.equal(303);
    const after = textOf((await lecturer.agent.get(saved.headers.location as string).expect(200)).text);
    expect(after).to.match(/contacted on 2 Nov 2026 by .+ · phone/);
    expect(after).to.include("Will come on Thursday");
    const csrf = csrfOf(page.text);
    await lecturer.agent
      .post(`${lecturer.base}/students/bz?of=${otherActivityId}`)
      .type("form")
      .send({ _csrf: csrf, channel: "phone", note: "x", followDays: "0" })
      .expect(404);
    expect(await t.database.db.select().from(followupContacts).where(eq(followupContacts.note, "x"))).to.have.length(0);
  });
});
