import { expect } from "chai";
import { eq } from "drizzle-orm";
import {
  followupContacts,
  followupRules,
  followupWarnings,
  notifyDeliveries,
  notifyMessages,
} from "../../src/db/schema.js";
import { evaluateFollowup } from "../../src/followup/index.js";
import { sendDueMessages, type DeliveryDeps } from "../../src/notify/index.js";
import { messageChecks } from "../../src/wiring.js";
import { deliveryDeps } from "../notify/delivery-fixtures.js";
import { readMail, startSmtpSink, type SmtpSink } from "../notify/smtp-sink.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { followupFixture } from "./fixtures.js";

const MIN = 60_000;
/** Thursday 1 October 2026, 10:30 in Riga: the first session ends. */
const END = new Date("2026-10-01T07:30:00Z");
const at = (minutes: number) => new Date(END.getTime() + minutes * MIN);
const ONLY_UNEXCUSED = {
  below: { ...off(), percent: 80, minSessions: 3 },
  consecutive: { ...off(), count: 3 },
  unexcused: { isOn: true, toStudent: true, toLecturers: false, toMentors: false },
};
function off() {
  return { isOn: false, toStudent: true, toLecturers: false, toMentors: false };
}

describe(`follow-up warnings through the outbox to a real SMTP server (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let sink: SmtpSink;
  let deps: DeliveryDeps;
  const db = () => database.db;

  before(async () => (database = await createTestDatabase()));
  after(async () => database.destroy());
  beforeEach(async () => {
    await db().delete(notifyMessages);
    await db().delete(followupRules);
    sink = await startSmtpSink();
    deps = deliveryDeps(db(), { smtpUrl: sink.url, stillValid: messageChecks });
  });
  afterEach(async () => {
    deps.mail.close();
    await sink.close();
  });

  it("a lecturer correcting A to P within the delay: nothing is queued, nothing arrives", async () => {
    const f = await followupFixture(db(), ["2026-10-01"], ONLY_UNEXCUSED);
    await f.mark("4", 0, f.status.A, at(0));
    await f.mark("5", 0, f.status.P, at(0));
    await f.close(0, at(0));
    expect(await evaluateFollowup(db(), at(10))).to.deep.include({ warned: 0, pending: 1 });
    await f.mark("4", 0, f.status.P, at(20));
    for (const m of [31, 60, 24 * 60]) await evaluateFollowup(db(), at(m));
    await sendDueMessages(deps, at(24 * 60));
    expect(sink.received).to.have.length(0);
    expect(
      await db().select().from(followupWarnings).where(eq(followupWarnings.activityId, f.activityId)),
    ).to.deep.equal([]);
  });

  it("a correction after queueing but before sending: the send-time check skips it, nothing arrives", async () => {
    const f = await followupFixture(db(), ["2026-10-01"], ONLY_UNEXCUSED);
    await f.mark("4", 0, f.status.A, at(0));
    await f.mark("5", 0, f.status.P, at(0));
    await f.close(0, at(0));
    expect(await evaluateFollowup(db(), at(30))).to.deep.include({ warned: 1 });
    await f.mark("4", 0, f.status.P, at(31));
    const r = await sendDueMessages(deps, at(32));
    expect(r).to.include({ sent: 0, skipped: 1 });
    expect(sink.received).to.have.length(0);
    const [d] = await db().select().from(notifyDeliveries);
    expect(d).to.include({ state: "skipped", lastError: "no longer true" });
  });

  it("otherwise the warning arrives once, in each student's language, with the session's date and figure", async () => {
    const f = await followupFixture(db(), ["2026-10-01"], ONLY_UNEXCUSED);
    await f.mark("4", 0, f.status.A, at(0));
    await f.mark("5", 0, f.status.A, at(0));
    await f.close(0, at(0));
    expect(await evaluateFollowup(db(), at(29))).to.deep.include({ warned: 0, pending: 2 });
    expect(await evaluateFollowup(db(), at(30))).to.deep.include({ warned: 2 });
    await sendDueMessages(deps, at(31));
    await evaluateFollowup(db(), at(40));
    await evaluateFollowup(db(), at(24 * 60));
    await sendDueMessages(deps, at(24 * 60));
    expect(sink.received).to.have.length(2);
    const byTo = new Map(sink.received.map((m) => [m.to[0], readMail(m.raw)]));
    const lv = byTo.get("janis@example.lv")!;
    expect(lv.headers.subject).to.equal("Neattaisnots kavējums: BK101");
    expect(lv.text).to.include("Nodarbībā ir atzīmēta neattaisnota prombūtne.");
    expect(lv.text).to.match(/ceturtdiena, 1\. oktobris, 09:00/i);
    expect(lv.text).to.include("Pašreizējais apmeklējums: 0 % (1 uzskaitītās nodarbībās).");
    const en = byTo.get("anna@example.lv")!;
    expect(en.headers.subject).to.equal("Unexcused absence: BK101");
    expect(en.text).to.include("Thursday, 1 October, 09:00");
    expect(en.html).to.include("You are marked absent without an excuse.");
  });

  it("below 80 % after three sessions: once, with the figure written the reader's way, and a copy to the lecturer", async () => {
    const f = await followupFixture(db(), ["2026-10-01", "2026-10-08", "2026-10-15"], {
      below: { isOn: true, percent: 80, minSessions: 3, toStudent: true, toLecturers: true, toMentors: true },
      consecutive: { ...off(), count: 3 },
      unexcused: off(),
      mentorEmails: ["mentors@kolegija.lv"],
    });
    const week = 7 * 24 * 60;
    for (const [i, s] of [f.status.P, f.status.A, f.status.L].entries()) {
      await f.mark("5", i, s, at(i * week));
      await f.mark("4", i, f.status.P, at(i * week));
      await f.close(i, at(i * week));
      await evaluateFollowup(db(), at(i * week + 30));
    }
    await evaluateFollowup(db(), at(2 * week + 60));
    await sendDueMessages(deps, at(2 * week + 61));
    const to = sink.received.map((m) => m.to[0]).sort();
    expect(to).to.deep.equal(["anna@example.lv", "ilze@kolegija.lv", "mentors@kolegija.lv"]);
    const anna = readMail(sink.received.find((m) => m.to[0] === "anna@example.lv")!.raw);
    expect(anna.headers.subject).to.equal("Attendance below 80 %: BK101");
    expect(anna.text).to.include("Your attendance is 50 %, below the required 80 %.");
    expect(anna.text).to.include("Thursday, 8 October, 09:00"); // the absence that made it true
    const ilze = readMail(sink.received.find((m) => m.to[0] === "ilze@kolegija.lv")!.raw);
    expect(ilze.headers.subject).to.equal("Anna Kalniņa: apmeklējums zem 80 %, BK101");
  });

  it("a student being followed (contact log) brings the mentors no warning; the student and lecturer still get it", async () => {
    const f = await followupFixture(db(), ["2026-10-01", "2026-10-08"], {
      below: { ...off(), percent: 80, minSessions: 3 },
      consecutive: { isOn: true, count: 2, toStudent: true, toLecturers: true, toMentors: true },
      unexcused: off(),
      mentorEmails: ["mentors@kolegija.lv"],
    });
    const week = 7 * 24 * 60;
    await db()
      .insert(followupContacts)
      .values({
        activityId: f.activityId,
        userId: "5",
        channel: "meeting",
        byUserId: "3",
        contactedAt: at(0),
        followUntil: at(2 * week),
      });
    for (const i of [0, 1]) {
      await f.mark("5", i, f.status.A, at(i * week));
      await f.mark("4", i, f.status.P, at(i * week));
      await f.close(i, at(i * week));
    }
    await evaluateFollowup(db(), at(week + 30));
    await sendDueMessages(deps, at(week + 31));
    expect(sink.received.map((m) => m.to[0]).sort()).to.deep.equal(["anna@example.lv", "ilze@kolegija.lv"]);
    const anna = readMail(sink.received.find((m) => m.to[0] === "anna@example.lv")!.raw);
    expect(anna.text).to.include("You have missed 2 sessions in a row.");
    expect(anna.text).to.include("Thursday, 1 October, 09:00");
    expect(anna.text).to.include("Thursday, 8 October, 09:00");
  });
});
