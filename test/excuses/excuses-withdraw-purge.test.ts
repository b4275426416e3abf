import { expect } from "chai";
import { and, eq } from "drizzle-orm";
import { excuseFiles, excuses } from "../../src/db/schema.js";
import { sendDueMessages } from "../../src/notify/index.js";
import { messageChecks } from "../../src/wiring.js";
import { deliveryDeps } from "../notify/delivery-fixtures.js";
import { readMail, startSmtpSink, type SmtpSink } from "../notify/smtp-sink.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { addSession, csrfOf, launchAs, lecturerActor, NOW, submitForm, type Launched } from "./fixtures.js";

const DAY = 24 * 3600_000;

describe(`excuse requests: the withdrawal told to the lecturers, old files removed (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app), { EXCUSE_FILE_RETENTION_DAYS: "30" });

  let lecturer: Launched;
  let janis: Launched;
  let anna: Launched;
  let sessions: number[];
  let sink: SmtpSink;
  const db = () => t.database.db;
  const excuseOf = async (userId: string, sessionId: number) =>
    (
      await db()
        .select()
        .from(excuses)
        .where(and(eq(excuses.userId, userId), eq(excuses.sessionId, sessionId)))
    )[0]!;
  const deliver = async (at = NOW) => {
    const deps = deliveryDeps(db(), { smtpUrl: sink.url, stillValid: messageChecks });
    try {
      return await sendDueMessages(deps, at);
    } finally {
      deps.mail.close();
    }
  };
  const withdraw = async (s: Launched, excuseId: number) => {
    const page = await s.agent.get(`/activities/${s.activityId}/excuses/me`).expect(200);
    await s.agent
      .post(`/activities/${s.activityId}/excuses/me/${excuseId}/withdraw`)
      .type("form")
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
  };

  before(async () => {
    t.clock.set(NOW);
    lecturer = await launchAs(t, moodle, "instructor", "en");
    janis = await launchAs(t, moodle, "learner", "lv");
    anna = await launchAs(t, moodle, "learner", "en", "5");
    const actor = await lecturerActor(t, lecturer.activityId);
    sessions = [
      await addSession(t, actor, "2026-10-29"),
      await addSession(t, actor, "2026-11-05"),
      await addSession(t, actor, "2026-11-12"),
    ];
    sink = await startSmtpSink();
  });
  after(async () => {
    t.clock.set(null);
    await sink.close();
  });

  it("a request withdrawn after its message reached the lecturer: the lecturer is told, in their language", async () => {
    expect((await submitForm(janis, { sessionId: String(sessions[0]), reason: "Biju slims." })).status).to.equal(303);
    expect(await deliver()).to.include({ sent: 1 });
    sink.received.length = 0;
    const row = await excuseOf("4", sessions[0]!);
    await withdraw(janis, row.id);
    expect(await deliver()).to.include({ sent: 1, skipped: 0 });
    expect(sink.received).to.have.length(1);
    const mail = readMail(sink.received[0]!.raw);
    expect(mail.headers.subject).to.include("withdrew an excuse request");
    expect(mail.text).to.include("withdrew their request to have an absence excused");
    expect(mail.text).to.include("29");
    expect(mail.html).to.include("withdrew their request");
    sink.received.length = 0;
    await withdraw(janis, row.id); // twice: nothing more
    expect(await deliver()).to.include({ sent: 0 });
    expect(sink.received).to.have.length(0);
  });

  it("a request withdrawn before its message went out: nothing at all reaches the lecturer", async () => {
    expect((await submitForm(anna, { sessionId: String(sessions[1]), reason: "A funeral." })).status).to.equal(303);
    await withdraw(anna, (await excuseOf("5", sessions[1]!)).id);
    expect(await deliver()).to.include({ sent: 0, skipped: 1 });
    expect(sink.received).to.have.length(0);
  });

  it("housekeeping removes a decided or withdrawn request's file after the retention; the row shows it", async () => {
    const pdf = { name: "Ārsta zīme.pdf", bytes: Buffer.from("%PDF-1.4 ārsta zīme") };
    const sent = await submitForm(janis, { sessionId: String(sessions[1]), reason: "Ķirurgs." }, pdf);
    expect(sent.status).to.equal(303);
    const kept = await submitForm(anna, { sessionId: String(sessions[2]), reason: "Still waiting." }, pdf);
    expect(kept.status).to.equal(303);
    const old = await excuseOf("4", sessions[1]!);
    const waiting = await excuseOf("5", sessions[2]!);
    await withdraw(janis, old.id);
    t.clock.set(new Date(NOW.getTime() + 29.9 * DAY));
    expect((await t.housekeeping()).excuseFiles).to.equal(0);
    t.clock.set(new Date(NOW.getTime() + 30.1 * DAY));
    expect((await t.housekeeping()).excuseFiles).to.equal(1);
    expect((await t.housekeeping()).excuseFiles).to.equal(0);
    t.clock.set(NOW); // housekeeping also ended the month-old tool sessions: launch again
    janis = await launchAs(t, moodle, "learner", "lv");
    lecturer = await launchAs(t, moodle, "instructor", "en");
    const files = await db().select().from(excuseFiles);
    const byId = new Map(files.map((f) => [f.excuseId, f]));
    expect(byId.get(old.id)).to.include({ size: 0, fileName: "Ārsta zīme.pdf" });
    expect(byId.get(old.id)!.bytes.length).to.equal(0);
    expect(byId.get(waiting.id)!.bytes.length).to.be.greaterThan(0);
    const mine = await janis.agent.get(`/activities/${janis.activityId}/excuses/me`).expect(200);
    expect(textOf(mine.text)).to.include("Fails Ārsta zīme.pdf ir izdzēsts pēc glabāšanas termiņa.");
    const list = await lecturer.agent.get(`/activities/${lecturer.activityId}/excuses`).expect(200);
    expect(textOf(list.text)).to.include("The file Ārsta zīme.pdf was removed after the retention period.");
    await lecturer.agent.get(`/activities/${lecturer.activityId}/excuses/${old.id}/file`).expect(404);
    await lecturer.agent.get(`/activities/${lecturer.activityId}/excuses/${waiting.id}/file`).expect(200);
  });
});
