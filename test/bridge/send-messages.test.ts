import { expect } from "chai";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import { sendMessagesToStudents } from "../../src/bridge/send-messages.js";
import { courseMembers, courses } from "../../src/db/schema.js";
import { AppError } from "../../src/errors.js";
import type { Actor } from "../../src/lti/actor.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { answerMessages, callsOf, moodleLecturer } from "./fake-moodle-helpers.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";
const NOW = new Date("2026-11-23T10:00:00Z");
const STUDENTS: [string, string][] = [
  ["4", "Jānis Bērziņš"],
  ["5", "Anna Kalniņa"],
  ["6", "Mārtiņš Ozols"],
];

function actorFor(courseId: number, over: Partial<Actor> = {}): Actor {
  return moodleLecturer(courseId, 1, { courseTitle: "Biznesa komunikācija", ...over });
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a rejection");
}

describe(`sending Moodle messages to students (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let fake: FakeMoodle;
  let lecturer: Actor;
  let otherCourse: Actor;
  const db = () => database.db;
  const send = (actor: Actor, requestId: string, userIds: string[], text = "Rīt nodarbība sāksies 10:15.") =>
    sendMessagesToStudents(db(), KEY, actor, { requestId, userIds, text }, { now: NOW, tuning: { retries: 0 } });

  before(async () => {
    database = await createTestDatabase();
    const [bk, da] = await db()
      .insert(courses)
      .values([
        { platformId: "p1", contextId: "2", title: "BK101" },
        { platformId: "p1", contextId: "3", title: "DA201" },
      ])
      .returning();
    const members = STUDENTS.map(([userId, name]) => ({ courseId: bk!.id, userId, name, isLearner: true }));
    await db()
      .insert(courseMembers)
      .values([
        ...members,
        { courseId: bk!.id, userId: "3", name: "Ilze Ozoliņa", isLearner: false },
        { courseId: da!.id, userId: "7", name: "Līga Liepiņa", isLearner: true },
      ]);
    lecturer = actorFor(bk!.id);
    otherCourse = actorFor(da!.id, { contextId: "3" });
  });
  after(async () => database.destroy());
  beforeEach(async () => {
    fake = await startFakeMoodle();
    await saveConnection(db(), KEY, "p1", { baseUrl: fake.baseUrl, token: fake.token }, "2", NOW);
  });
  afterEach(async () => fake.close());

  it("reports per student what Moodle did, a msgid -1 as refused with Moodle's reason", async () => {
    answerMessages(fake, new Set([6]));
    const outcome = await send(lecturer, "req-aaaa-0001", ["4", "5", "6"]);
    const byUser = Object.fromEntries(outcome.recipients.map((r) => [r.userId, r]));
    expect(byUser["4"]?.status).to.equal("sent");
    expect(byUser["5"]?.status).to.equal("sent");
    expect(byUser["6"]?.status).to.equal("refused");
    expect(byUser["6"]?.msgid).to.equal(-1);
    expect(byUser["6"]?.error).to.equal("You cannot send a message to a user ID (6) that doesn't exist.");
    const [call] = callsOf(fake, "core_message_send_instant_messages");
    expect(call?.form["messages[2][touserid]"]).to.equal("6");
    expect(call?.form["messages[0][textformat]"]).to.equal("2");
  });

  it("sends nothing twice for the same request id", async () => {
    answerMessages(fake);
    await send(lecturer, "req-aaaa-0002", ["4"]);
    const again = await send(lecturer, "req-aaaa-0002", ["4", "5"], "another text");
    expect(again.replayed).to.equal(true);
    expect(again.recipients.map((r) => [r.userId, r.status])).to.deep.equal([["4", "sent"]]);
    expect(callsOf(fake, "core_message_send_instant_messages")).to.have.length(1);
  });

  it("keeps the request when Moodle is unreachable, and sends it when repeated", async () => {
    answerMessages(fake);
    await fake.setPortClosed(true);
    const failed = await send(lecturer, "req-aaaa-0003", ["4", "5"]);
    expect(failed.recipients.map((r) => r.status)).to.deep.equal(["not_sent", "not_sent"]);
    await fake.setPortClosed(false);
    const retried = await send(lecturer, "req-aaaa-0003", ["4", "5"]);
    expect(retried.recipients.map((r) => r.status)).to.deep.equal(["sent", "sent"]);
  });

  it("marks a message whose answer never came as unknown, and does not send it again", async () => {
    fake.simulate.htmlErrorPage = 502;
    const first = await send(lecturer, "req-aaaa-0004", ["5"]);
    expect(first.recipients[0]?.status).to.equal("unknown");
    fake.simulate.htmlErrorPage = false;
    await send(lecturer, "req-aaaa-0004", ["5"]);
    expect(callsOf(fake, "core_message_send_instant_messages")).to.have.length(1);
  });

  it("refuses a student of another course as not found, and sends nothing", async () => {
    const err = await rejection(send(otherCourse, "req-aaaa-0005", ["4"]));
    expect(err.code).to.equal("not_found");
    expect(err.messageKey).to.equal("bridge.messages.unknown_student");
    expect(await rejection(send(lecturer, "req-aaaa-0006", ["3"]))).to.have.property("code", "not_found");
    expect(callsOf(fake, "core_message_send_instant_messages")).to.have.length(0);
  });

  it("refuses students and platforms without a connection", async () => {
    expect(
      await rejection(send({ ...lecturer, isLecturer: false, isStudent: true }, "req-aaaa-0007", ["4"])),
    ).to.have.property("code", "forbidden");
    expect(await rejection(send({ ...lecturer, platformId: "p2" }, "req-aaaa-0008", ["4"]))).to.have.property(
      "messageKey",
      "bridge.not_connected",
    );
  });
});
