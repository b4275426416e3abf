import { expect } from "chai";
import { notifyMessages } from "../../src/db/schema.js";
import { messageIdHeader } from "../../src/notify/header-id.js";
import { queueMessage, sendDueMessages, type DeliveryDeps } from "../../src/notify/index.js";
import { claimDueDeliveries } from "../../src/notify/queries.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { deliveriesOf, deliveryDeps, makeCourse, queueTest } from "./delivery-fixtures.js";
import { readMail, startSmtpSink, type SmtpSink } from "./smtp-sink.js";

const T0 = new Date("2026-10-16T09:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

describe(`delivering the outbox to a real SMTP server (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let sink: SmtpSink;
  let deps: DeliveryDeps;
  const db = () => database.db;

  before(async () => (database = await createTestDatabase()));
  after(async () => database.destroy());
  beforeEach(async () => {
    await db().delete(notifyMessages);
    sink = await startSmtpSink();
    deps = deliveryDeps(db(), { smtpUrl: sink.url });
  });
  afterEach(async () => {
    deps.mail.close();
    await sink.close();
  });

  it("sends From, To, a Latvian Subject with diacritics, the stable Message-ID, and both parts", async () => {
    const courseId = await makeCourse(db());
    const q = await queueTest(db(), T0, { courseId });
    const r = await sendDueMessages(deps, T0);
    expect(r).to.deep.equal({ sent: 1, retrying: 0, failed: 0, skipped: 0 });
    expect(sink.received).to.have.length(1);
    const got = sink.received[0]!;
    expect(got.to).to.deep.equal(["janis@example.lv"]);
    const mail = readMail(got.raw);
    const [row] = await deliveriesOf(db(), q.messageId);
    expect(mail.headers.from).to.equal("Rollbook <rollbook@kolegija.lv>");
    expect(mail.headers.to).to.equal("Jānis Bērziņš <janis@example.lv>");
    expect(mail.headers.subject).to.equal("Pārbaudes ziņa: e-pasts no Rollbook pienāk");
    expect(mail.headers["message-id"]).to.equal(messageIdHeader(row!.headerId, deps.mailFrom));
    expect(mail.headers["message-id"]).to.match(/^<rb\.[0-9a-f]{32}@kolegija\.lv>$/);
    expect(mail.text).to.include("Sveiciens! Šī ir pārbaudes ziņa.");
    expect(mail.text).to.include("Nosūtīta: Sestdiena, 17. oktobris, 10:15.");
    expect(mail.text).to.include("Pārbaudi sāka: Ilze Ozoliņa.");
    expect(mail.html).to.include("Nosūtīta: Sestdiena, 17. oktobris, 10:15.");
    expect(mail.html).to.include('style="');
    expect(mail.html).not.to.match(/<script/i);
    expect(row).to.include({ state: "sent", attempts: 1, lastError: null });
    expect(row!.sentAt?.toISOString()).to.equal(T0.toISOString());
  });

  it("writes to an English reader in English, dates in the course's zone", async () => {
    const courseId = await makeCourse(db());
    await queueTest(db(), T0, {
      courseId,
      recipients: [{ userId: "5", email: "anna@example.lv", name: "Anna Kalniņa", locale: "en" }],
    });
    await sendDueMessages(deps, T0);
    const mail = readMail(sink.received[0]!.raw);
    expect(mail.headers.subject).to.equal("Test message: email from Rollbook arrives");
    expect(mail.text).to.include("Sent: Saturday, 17 October, 10:15.");
  });

  it("sends a message whose transaction rolled back never, and one queued twice once", async () => {
    try {
      await db().transaction(async (tx) => {
        await queueMessage(tx, {
          platformId: "p1",
          kind: "test",
          dedupeKey: "rolled-back",
          recipients: [{ userId: "4", email: "janis@example.lv" }],
          data: { at: T0.toISOString() },
          now: T0,
        });
        throw new Error("rollback");
      });
    } catch {
      // the change failed, as intended
    }
    await queueTest(db(), T0, { dedupeKey: "twice" });
    await queueTest(db(), T0, { dedupeKey: "twice" });
    await sendDueMessages(deps, T0);
    await sendDueMessages(deps, later(60_000));
    expect(sink.received).to.have.length(1);
  });

  it("retries while SMTP is down (30 s, then 1 min) and delivers once when it is back", async () => {
    const port = sink.port;
    await sink.close();
    const q = await queueTest(db(), T0);
    expect(await sendDueMessages(deps, T0)).to.include({ retrying: 1, sent: 0 });
    let [row] = await deliveriesOf(db(), q.messageId);
    expect(row).to.include({ state: "retrying", attempts: 1 });
    expect(row!.lastError).to.match(/ECONNECTION|ECONNREFUSED/);
    expect(row!.dueAt.toISOString()).to.equal(later(30_000).toISOString());
    expect(await sendDueMessages(deps, later(10_000))).to.include({ retrying: 0, sent: 0 });
    await sendDueMessages(deps, later(30_000));
    [row] = await deliveriesOf(db(), q.messageId);
    expect(row).to.include({ state: "retrying", attempts: 2 });
    expect(row!.dueAt.toISOString()).to.equal(later(90_000).toISOString());

    sink = await startSmtpSink(port);
    expect(await sendDueMessages(deps, later(90_000))).to.include({ sent: 1 });
    await sendDueMessages(deps, later(10 * 60_000));
    expect(sink.received).to.have.length(1);
    [row] = await deliveriesOf(db(), q.messageId);
    expect(row).to.include({ state: "sent", attempts: 3, lastError: null });
  });

  it("retries a 4xx answer and delivers on the next try", async () => {
    let refusals = 1;
    sink.answer = () => (refusals-- > 0 ? { code: 451, text: "4.7.1 Try again later" } : null);
    const q = await queueTest(db(), T0);
    await sendDueMessages(deps, T0);
    let [row] = await deliveriesOf(db(), q.messageId);
    expect(row).to.include({ state: "retrying" });
    expect(row!.lastError).to.include("451 4.7.1 Try again later");
    await sendDueMessages(deps, later(30_000));
    [row] = await deliveriesOf(db(), q.messageId);
    expect(row).to.include({ state: "sent", attempts: 2 });
    expect(sink.received).to.have.length(1);
  });

  it("fails a 550 for good, with the server's reason", async () => {
    sink.answer = () => ({ code: 550, text: "5.1.1 Mailbox does not exist" });
    const q = await queueTest(db(), T0);
    expect(await sendDueMessages(deps, T0)).to.include({ failed: 1 });
    await sendDueMessages(deps, later(3_600_000));
    const [row] = await deliveriesOf(db(), q.messageId);
    expect(row).to.include({ state: "failed", attempts: 1 });
    expect(row!.lastError).to.include("550 5.1.1 Mailbox does not exist");
    expect(sink.received).to.have.length(0);
  });

  it("gives up on a transient failure 24 h after the message was due", async () => {
    sink.answer = () => ({ code: 421, text: "4.3.2 Service not available" });
    const q = await queueTest(db(), T0);
    await sendDueMessages(deps, later(24 * 3_600_000 - 10_000));
    const [row] = await deliveriesOf(db(), q.messageId);
    expect(row).to.include({ state: "failed" });
    expect(row!.lastError).to.match(/^gave up after 24 h: 421/);
  });

  it("resends with the same Message-ID when the worker died between SMTP accepting and marking sent", async () => {
    const q = await queueTest(db(), T0);
    const crashing = { ...deps, afterHandOver: () => Promise.reject(new Error("killed")) };
    let crashed: unknown;
    await sendDueMessages(crashing, T0).catch((err: unknown) => (crashed = err));
    expect((crashed as Error).message).to.equal("killed");
    expect(sink.received).to.have.length(1);
    let [row] = await deliveriesOf(db(), q.messageId);
    expect(row).to.include({ state: "queued", attempts: 1 });

    expect(await sendDueMessages(deps, later(60_000))).to.include({ sent: 0 }); // the dead worker's lease holds
    expect(await sendDueMessages(deps, later(6 * 60_000))).to.include({ sent: 1 });
    expect(sink.received).to.have.length(2);
    const [first, second] = sink.received.map((m) => readMail(m.raw).headers["message-id"]);
    expect(second).to.equal(first);
    [row] = await deliveriesOf(db(), q.messageId);
    expect(row).to.include({ state: "sent", attempts: 2 });
  });

  it("delivers a committed message after a worker restart, though the first worker claimed it and died", async () => {
    const q = await queueTest(db(), T0);
    const claimed = await claimDueDeliveries(db(), T0, 10, 5 * 60_000); // worker 1 takes it, then the process dies
    expect(claimed.map((c) => c.message.id)).to.deep.equal([q.messageId]);
    deps.mail.close();
    deps = deliveryDeps(db(), { smtpUrl: sink.url }); // worker 2: a new process, a new SMTP pool
    expect(await sendDueMessages(deps, later(5 * 60_000))).to.include({ sent: 1 });
    expect(sink.received).to.have.length(1);
  });

  it("keeps to the per-minute cap", async () => {
    deps = { ...deps, perMinute: 3 };
    for (let i = 0; i < 5; i++) await queueTest(db(), T0);
    expect(await sendDueMessages(deps, T0)).to.include({ sent: 3 });
    expect(await sendDueMessages(deps, later(30_000))).to.include({ sent: 0 });
    expect(await sendDueMessages(deps, later(61_000))).to.include({ sent: 2 });
    expect(sink.received).to.have.length(5);
  });
});
