import { expect } from "chai";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { getMoodleClient } from "../../src/bridge/get-moodle-client.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import { notifyKindSettings, notifyMessages } from "../../src/db/schema.js";
import { sendDueMessages, type DeliveryDeps } from "../../src/notify/index.js";
import { answerMessages, callsOf } from "../bridge/fake-moodle-helpers.js";
import { startHangingServer } from "../support/hanging-server.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { deliveriesOf, deliveryDeps, KEY, queueTest } from "./delivery-fixtures.js";
import { readMail, startSmtpSink, type SmtpSink } from "./smtp-sink.js";

const T0 = new Date("2026-10-16T09:00:00Z");
const STUDENTS = [
  { userId: "u-5", moodleUserId: "5", email: "anna@example.lv", name: "Anna Kalniņa" },
  { userId: "u-6", moodleUserId: "6", email: "martins@example.lv", name: "Mārtiņš Ozols" },
];

describe(`the Moodle channel against the fake Moodle (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let fake: FakeMoodle;
  let sink: SmtpSink;
  let deps: DeliveryDeps;
  const db = () => database.db;

  before(async () => (database = await createTestDatabase()));
  after(async () => database.destroy());
  beforeEach(async () => {
    await db().delete(notifyMessages);
    await db().delete(notifyKindSettings);
    fake = await startFakeMoodle();
    sink = await startSmtpSink();
    await saveConnection(db(), KEY, "p1", { baseUrl: fake.baseUrl, token: fake.token }, "2", T0);
    deps = deliveryDeps(db(), {
      smtpUrl: sink.url,
      moodle: (platformId) => getMoodleClient(db(), KEY, platformId, { retries: 0 }),
    });
  });
  afterEach(async () => {
    deps.mail.close();
    await sink.close();
    await fake.close();
  });

  it("sends a Moodle notification with the rendered text and records Moodle's msgid", async () => {
    answerMessages(fake);
    const q = await queueTest(db(), T0, { channels: ["moodle"], recipients: STUDENTS });
    expect(await sendDueMessages(deps, T0)).to.include({ sent: 2 });
    const [call, ...more] = callsOf(fake, "core_message_send_instant_messages");
    expect(more).to.have.length(0);
    expect(call?.form["messages[0][touserid]"]).to.equal("5");
    expect(call?.form["messages[0][text]"]).to.include("Pārbaudes ziņa: e-pasts no Rollbook pienāk");
    expect(call?.form["messages[0][clientmsgid]"]).to.match(/^rb\.[0-9a-f]{32}$/);
    const rows = await deliveriesOf(db(), q.messageId);
    expect(rows.map((r) => [r.state, r.moodleMsgId]).sort()).to.deep.equal([
      ["sent", 100],
      ["sent", 101],
    ]);
    expect(sink.received).to.have.length(0);
  });

  it("fails a msgid -1 answer with Moodle's reason and sends the others", async () => {
    answerMessages(fake, new Set([6]));
    const q = await queueTest(db(), T0, { channels: ["moodle"], recipients: STUDENTS });
    expect(await sendDueMessages(deps, T0)).to.include({ sent: 1, failed: 1 });
    const byUser = Object.fromEntries((await deliveriesOf(db(), q.messageId)).map((r) => [r.moodleUserId, r]));
    expect(byUser["5"]).to.include({ state: "sent" });
    expect(byUser["6"]).to.include({
      state: "failed",
      lastError: "You cannot send a message to a user ID (6) that doesn't exist.",
    });
  });

  it("keeps retrying while the token is invalid, with Moodle's message as the reason", async () => {
    await saveConnection(db(), KEY, "p1", { baseUrl: fake.baseUrl, token: "revoked-token" }, "2", T0);
    // no answer set: the fake checks the token as Moodle does (errors-invalid-token.json)
    const q = await queueTest(db(), T0, { channels: ["moodle"], recipients: STUDENTS.slice(0, 1) });
    expect(await sendDueMessages(deps, T0)).to.include({ retrying: 1 });
    const [row] = await deliveriesOf(db(), q.messageId);
    expect(row).to.include({ state: "retrying" });
    expect(row!.lastError).to.include("Invalid token - token not found");
  });

  it("goes by the platform's channels for the kind: Moodle and email both", async () => {
    answerMessages(fake);
    await db()
      .insert(notifyKindSettings)
      .values({ platformId: "p1", kind: "test", channels: ["email", "moodle"], isOptOutAllowed: true, updatedAt: T0 });
    const q = await queueTest(db(), T0, { recipients: STUDENTS.slice(0, 1) });
    expect(await sendDueMessages(deps, T0)).to.include({ sent: 2 });
    expect((await deliveriesOf(db(), q.messageId)).map((r) => r.channel).sort()).to.deep.equal(["email", "moodle"]);
    expect(readMail(sink.received[0]!.raw).headers.to).to.equal("Anna Kalniņa <anna@example.lv>");
    expect(callsOf(fake, "core_message_send_instant_messages")).to.have.length(1);
  });

  it("sends one platform's Moodle messages while another platform's Moodle hangs", async () => {
    answerMessages(fake);
    const hung = await startHangingServer();
    try {
      for (const p of ["p0", "p2"]) await saveConnection(db(), KEY, p, { baseUrl: hung.url, token: "t" }, "2", T0);
      const slow = { ...deps, moodle: (p: string) => getMoodleClient(db(), KEY, p, { retries: 0, timeoutMs: 30_000 }) };
      const before = await queueTest(db(), T0, { platformId: "p0", channels: ["moodle"], recipients: STUDENTS });
      const healthy = await queueTest(db(), T0, { channels: ["moodle"], recipients: STUDENTS.slice(0, 1) });
      await queueTest(db(), T0, { platformId: "p2", channels: ["moodle"], recipients: STUDENTS.slice(1) });
      let finished = false;
      const pass = sendDueMessages(slow, T0).finally(() => (finished = true));
      let state: string | undefined;
      for (let i = 0; i < 100 && state !== "sent"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        state = (await deliveriesOf(db(), healthy.messageId))[0]?.state;
      }
      expect(state, "p1's message while p0 and p2 hang").to.equal("sent");
      expect(finished, "the pass still waits for the hung platforms").to.equal(false);
      expect(hung.sockets.length).to.be.at.least(2);
      for (const socket of hung.sockets) socket.destroy();
      expect(await pass).to.include({ sent: 1, retrying: 3 });
      expect((await deliveriesOf(db(), before.messageId)).map((r) => r.state)).to.deep.equal(["retrying", "retrying"]);
    } finally {
      await hung.close();
      await db().execute("delete from moodle_connections where platform_id in ('p0', 'p2')");
    }
  });

  it("fails Moodle messages of a platform without a connection", async () => {
    const q = await queueTest(db(), T0, { platformId: "p2", channels: ["moodle"], recipients: STUDENTS.slice(0, 1) });
    await sendDueMessages(deps, T0);
    const [row] = await deliveriesOf(db(), q.messageId);
    expect(row).to.include({ state: "failed", lastError: "no Moodle web-service connection" });
  });
});
