import { expect } from "chai";
import request from "supertest";
import { classPublications, courses, lecturerReplies, zoomMeetingEvents } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import { signWebhook, urlValidationAnswer } from "../support/fake-zoom.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { DATE, makeWorld, type World } from "./timeline-world.js";

const SECRET = "zoom-webhook-secret-for-tests";

describe(`Zoom webhooks and the live day over HTTP (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let world: World;
  withRegisteredApp((app) => ({ t, moodle } = app), { ZOOM_WEBHOOK_SECRET: SECRET });

  async function launchAdmin(locale: "lv" | "en") {
    const agent = request.agent(t.baseUrl);
    const overrides = { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale } };
    const launch = await launchTool(agent, moodle, { kind: "admin", overrides });
    const session = await launch.follow();
    return { agent, area: `${(session.headers.location as string).replace(/\/study-days$/, "")}/study-days` };
  }

  const post = (body: unknown, ts = String(Math.floor(t.clock.now().getTime() / 1000)), secret = SECRET) => {
    const raw = JSON.stringify(body);
    return request(t.baseUrl)
      .post("/zoom/webhook")
      .set("content-type", "application/json")
      .set("x-zm-request-timestamp", ts)
      .set("x-zm-signature", signWebhook(secret, ts, raw))
      .send(raw);
  };

  before(async () => {
    t.clock.set(new Date("2026-10-17T06:05:00Z"));
    await launchAdmin("en");
    const [course] = await t.database.db.select().from(courses);
    world = await makeWorld(t.database.db, course!.platformId);
  });
  after(() => t.clock.set(null));

  it("answers Zoom's URL validation with the HMAC of the plain token", async () => {
    const res = await post({
      event: "endpoint.url_validation",
      payload: { plainToken: "qgg8vlvZRS6UYooatFL8Aw" },
    }).expect(200);
    expect(res.body).to.deep.equal(urlValidationAnswer(SECRET, "qgg8vlvZRS6UYooatFL8Aw"));
  });

  it("records meeting.started once; refuses a bad signature, a stale timestamp and a replay", async () => {
    const started = {
      event: "meeting.started",
      payload: { object: { id: 85746065431, uuid: "abc==", start_time: "2026-10-17T06:02:00Z" } },
    };
    await post(started, undefined, "wrong-secret").expect(401);
    const stale = String(Math.floor(t.clock.now().getTime() / 1000) - 600);
    expect((await post(started, stale).expect(401)).body).to.deep.equal({ error: "stale" });
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    await post(started, ts).expect(200);
    expect((await post(started, ts).expect(409)).body).to.deep.equal({ error: "replay" });
    const rows = await t.database.db.select().from(zoomMeetingEvents);
    expect(rows.map((r) => [r.event, r.meetingId, r.occurredAt.toISOString()])).to.deep.equal([
      ["meeting.started", "85746065431", "2026-10-17T06:02:00.000Z"],
    ]);
  });

  it("shows the live day: the started class, a late one at start + 10 min with its lecturer's email, late first", async () => {
    // class B (12:45) starts at 09:45 UTC; at 09:56 it has not started
    t.clock.set(new Date("2026-10-17T09:56:00Z"));
    const { agent, area } = await launchAdmin("en");
    const page = await agent.get(`${area}/days/${DATE}/live`).expect(200);
    expect(page.text).to.include('<meta http-equiv="refresh" content="60">');
    expect(page.text).to.include(`data-class="${world.classes.b}" data-state="late"`);
    expect(page.text).to.include(`data-class="${world.classes.a}" data-state="started"`);
    expect(page.text.indexOf(`data-class="${world.classes.b}"`)).to.be.lessThan(
      page.text.indexOf(`data-class="${world.classes.a}"`),
    );
    const text = textOf(page.text);
    expect(text).to.include("late: not started by start + 10 min");
    expect(page.text).to.include("mailto:ilze@kolegija.lv");
    const lv = await launchAdmin("lv");
    const lvText = textOf((await lv.agent.get(`${lv.area}/days/${DATE}/live`).expect(200)).text);
    expect(lvText).to.include("Studiju diena tiešraidē: Sestdiena, 17. oktobris");
    expect(lvText).to.include("kavējas: nav sākusies 10 min pēc sākuma");
  });

  it("shows the briefing: each class's answer, meeting, publication and reminders, the open problems first", async () => {
    const db = t.database.db;
    const [course] = await db.select().from(courses);
    const platformId = course!.platformId;
    await db.insert(lecturerReplies).values([
      {
        platformId,
        classDate: DATE,
        email: "ilze@kolegija.lv",
        answer: "help",
        note: "Nav kameras; lūdzu rezerves datoru.",
        updatedAt: t.clock.now(),
      },
      { platformId, classDate: DATE, email: "john.smith@kolegija.lv", answer: "confirmed", updatedAt: t.clock.now() },
    ]);
    await db.insert(classPublications).values([
      { classId: world.classes.a, platformId, status: "published", attemptedAt: t.clock.now() },
      { classId: world.classes.c, platformId, status: "published", attemptedAt: t.clock.now() },
    ]);
    const { agent, area } = await launchAdmin("en");
    const timeline = await agent.get(`${area}/days/${DATE}/timeline`).expect(200);
    expect(timeline.text).to.include(`href="${area}/days/${DATE}/briefing"`);
    const page = await agent.get(`${area}/days/${DATE}/briefing`).expect(200);
    const rowOf = (id: number) => page.text.indexOf(`data-class="${id}"`);
    // B: help and not published; A: help; C (John, confirmed, published, a manual link): in order, last
    expect(page.text).to.include(`data-class="${world.classes.b}" data-problems="lecturer_help not_published"`);
    expect(page.text).to.include(`data-class="${world.classes.a}" data-problems="lecturer_help"`);
    expect(page.text).to.include(`data-class="${world.classes.c}" data-problems=""`);
    expect(rowOf(world.classes.a)).to.be.lessThan(rowOf(world.classes.b)); // same problem first: by start
    expect(rowOf(world.classes.b)).to.be.lessThan(rowOf(world.classes.c));
    const text = textOf(page.text);
    expect(text).to.include("2 classes with open problems; they are listed first.");
    expect(text).to.include("Nav kameras; lūdzu rezerves datoru.");
    expect(text).to.include("not published in Moodle");
    const lv = await launchAdmin("lv");
    const lvText = textOf((await lv.agent.get(`${lv.area}/days/${DATE}/briefing`).expect(200)).text);
    expect(lvText).to.include("Brīfings: Sestdiena, 17. oktobris");
    expect(lvText).to.include("2 nodarbības ar atvērtām problēmām");
    expect(lvText).to.include("pasniedzējs lūdz palīdzību");
    const lecturer = request.agent(t.baseUrl);
    await (await launchTool(lecturer, moodle, { kind: "instructor" })).follow();
    await lecturer.get(`${area}/days/${DATE}/briefing`).expect(403);
  });
});
