import { expect } from "chai";
import { notifyDeliveries, notifyMessages } from "../../src/db/schema.js";
import { queueMessage, type QueueMessageInput } from "../../src/notify/index.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";

const NOW = new Date("2026-10-16T09:00:00Z");

const input = (over: Partial<QueueMessageInput> = {}): QueueMessageInput => ({
  platformId: "p1",
  kind: "test",
  dedupeKey: "test:connection:1",
  recipients: [
    { userId: "4", email: "janis@example.lv", name: "Jānis Bērziņš" },
    { userId: "5", email: "anna@example.lv", name: "Anna Kalniņa", locale: "en" },
  ],
  data: {},
  now: NOW,
  ...over,
});

describe(`queueing a message in the caller's transaction (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  const db = () => database.db;

  before(async () => (database = await createTestDatabase()));
  after(async () => database.destroy());
  beforeEach(async () => {
    await db().delete(notifyMessages);
  });

  it("queues nothing when the transaction rolls back", async () => {
    const boom = new Error("the change failed");
    let caught: unknown;
    try {
      await db().transaction(async (tx) => {
        const r = await queueMessage(tx, input());
        expect(r).to.include({ isNew: true, deliveries: 2 });
        throw boom;
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).to.equal(boom);
    expect(await db().select().from(notifyMessages)).to.have.length(0);
    expect(await db().select().from(notifyDeliveries)).to.have.length(0);
  });

  it("queues one delivery per recipient and channel, in the recipient's language, when it commits", async () => {
    await db().transaction((tx) => queueMessage(tx, input({ channels: ["email", "moodle"] })));
    const rows = await db().select().from(notifyDeliveries);
    expect(rows.map((r) => [r.channel, r.userId, r.locale, r.state]).sort()).to.deep.equal([
      ["email", "4", "lv", "queued"],
      ["email", "5", "en", "queued"],
      ["moodle", "4", "lv", "queued"],
      ["moodle", "5", "en", "queued"],
    ]);
    expect(rows[0]!.giveUpAt.getTime() - rows[0]!.dueAt.getTime()).to.equal(24 * 3_600_000);
    expect(new Set(rows.map((r) => r.headerId)).size).to.equal(4);
  });

  it("queues the same dedupe key once, however often it is queued", async () => {
    const first = await db().transaction((tx) => queueMessage(tx, input()));
    const second = await db().transaction((tx) => queueMessage(tx, input({ data: { changed: true } })));
    expect(first.isNew).to.equal(true);
    expect(second).to.deep.equal({ isNew: false, messageId: null, deliveries: 0 });
    const messages = await db().select().from(notifyMessages);
    expect(messages).to.have.length(1);
    expect(messages[0]!.data).to.deep.equal({});
    expect(await db().select().from(notifyDeliveries)).to.have.length(2);
  });

  it("keeps the dedupe key per platform: another platform queues its own", async () => {
    await queueMessage(db(), input());
    const other = await queueMessage(db(), input({ platformId: "p2" }));
    expect(other.isNew).to.equal(true);
    expect(await db().select().from(notifyMessages)).to.have.length(2);
  });
});
