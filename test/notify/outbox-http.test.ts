import { expect } from "chai";
import { eq } from "drizzle-orm";
import request from "supertest";
import { courses, notifyDeliveries, notifyOptOuts } from "../../src/db/schema.js";
import { queueMessage, sendDueMessages } from "../../src/notify/index.js";
import { signUnsubscribe } from "../../src/notify/unsubscribe-link.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { textOf } from "../support/html.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { AT, deliveryDeps, KEY } from "./delivery-fixtures.js";
import { readMail, startSmtpSink } from "./smtp-sink.js";

const T0 = new Date("2026-10-16T09:00:00Z");

describe(`the outbox page and the unsubscribe link over HTTP (${TEST_DB_KIND})`, function () {
  this.timeout(90_000);
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
    const activityId = /\/activities\/(\d+)/.exec(session.headers.location as string)![1];
    return { agent, base: `/activities/${activityId}/outbox` };
  }

  /** Messages about the launched course (one sent, one failed) and one about another course of the platform. */
  async function seed() {
    const db = t.database.db;
    const [course] = await db.select().from(courses);
    const [other] = await db
      .insert(courses)
      .values({ platformId: course!.platformId, contextId: "other-course", title: "Cits kurss" })
      .returning();
    const q = (key: string, courseId: number, email: string) =>
      queueMessage(db, {
        platformId: course!.platformId,
        courseId,
        kind: "test",
        dedupeKey: key,
        recipients: [{ userId: key, email, name: "Jānis Bērziņš" }],
        data: { at: AT.toISOString() },
        now: T0,
      });
    const mine = await q("mine", course!.id, "janis@example.lv");
    const bad = await q("bad", course!.id, "nav@example.lv");
    const theirs = await q("theirs", other!.id, "cits@example.lv");
    await db
      .update(notifyDeliveries)
      .set({ state: "failed", lastError: "550 5.1.1 Mailbox does not exist", attempts: 1 })
      .where(eq(notifyDeliveries.messageId, bad.messageId!));
    return { mine, bad, theirs, platformId: course!.platformId };
  }

  let seeded: Awaited<ReturnType<typeof seed>>;
  before(async () => {
    await launchAs("instructor"); // makes the course
    seeded = await seed();
  });

  it("shows an admin every message of the platform with state, tries and last error, in Latvian", async () => {
    const { agent, base } = await launchAs("admin");
    const page = await agent.get(base).expect(200);
    const text = textOf(page.text);
    expect(text).to.include("Ziņu izsūtne");
    expect(text).to.include("Visas šīs Moodle ziņas.");
    expect(text).to.include("3 ziņas");
    expect(text).to.include("neizdevās");
    expect(text).to.include("550 5.1.1 Mailbox does not exist");
    expect(text).to.include("cits@example.lv");
    const failedOnly = await agent.get(`${base}?state=failed`).expect(200);
    expect(textOf(failedOnly.text)).to.include("1 ziņa");
    expect(textOf(failedOnly.text)).not.to.include("janis@example.lv");
  });

  it("shows a lecturer only the messages about their own courses, in English", async () => {
    const { agent, base } = await launchAs("instructor", "en");
    const text = textOf((await agent.get(base).expect(200)).text);
    expect(text).to.include("Outbox");
    expect(text).to.include("Messages about your courses.");
    expect(text).to.include("2 messages");
    expect(text).not.to.include("cits@example.lv");
    const [theirs] = await t.database.db
      .select()
      .from(notifyDeliveries)
      .where(eq(notifyDeliveries.messageId, seeded.theirs.messageId!));
    await agent.get(`${base}/${theirs!.id}`).expect(404);
  });

  it("queues a connection check to the admin who asks for it", async () => {
    const { agent, base } = await launchAs("admin");
    const page = await agent.get(base).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const posted = await agent.post(`${base}/test`).type("form").send({ _csrf: csrf });
    expect(posted.status, posted.text).to.equal(303);
    const after = await agent.get(posted.headers.location as string).expect(200);
    expect(textOf(after.text)).to.include("Pārbaudes ziņa ielikta rindā");
    const tests = await t.database.db.select().from(notifyDeliveries);
    expect(tests.filter((d) => d.state === "queued" && d.name !== "Jānis Bērziņš")).to.have.length(1);
  });

  it("refuses students with 403", async () => {
    const { agent, base } = await launchAs("learner");
    const page = await agent.get(base).expect(403);
    expect(textOf(page.text)).to.include("Ziņu izsūtnes lapa ir pieejama koordinatoriem");
  });

  it("opens a message as the recipient reads it: the text escaped, the HTML in a sandboxed frame", async () => {
    const { agent, base } = await launchAs("admin");
    const [row] = await t.database.db
      .select()
      .from(notifyDeliveries)
      .where(eq(notifyDeliveries.messageId, seeded.mine.messageId!));
    const page = await agent.get(`${base}/${row!.id}`).expect(200);
    expect(textOf(page.text)).to.include("Pārbaudes ziņa: e-pasts no Rollbook pienāk");
    expect(textOf(page.text)).to.include("Nosūtīta: Sestdiena, 17. oktobris, 10:15.");
    expect(page.text).to.include(`<iframe sandbox="" src="${base}/${row!.id}/html"`);
    const html = await agent.get(`${base}/${row!.id}/html`).expect(200);
    expect(html.headers["content-security-policy"]).to.include("default-src 'none'");
    expect(html.headers["content-security-policy"]).to.include("sandbox");
    expect(html.text).to.include("Sveiciens! Šī ir pārbaudes ziņa.");
  });

  it('makes a failed message due again with "retry now"', async () => {
    const { agent, base } = await launchAs("admin");
    const page = await agent.get(`${base}?state=failed`).expect(200);
    const [bad] = await t.database.db
      .select()
      .from(notifyDeliveries)
      .where(eq(notifyDeliveries.messageId, seeded.bad.messageId!));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const posted = await agent.post(`${base}/${bad!.id}/retry`).type("form").send({ _csrf: csrf });
    expect(posted.status, posted.text).to.equal(303);
    const [after] = await t.database.db.select().from(notifyDeliveries).where(eq(notifyDeliveries.id, bad!.id));
    expect(after).to.include({ state: "retrying" });
  });

  it("carries a one-click unsubscribe link on students' reminders; an opted-out student is skipped", async () => {
    const db = t.database.db;
    const sink = await startSmtpSink();
    const deps = deliveryDeps(db, { smtpUrl: sink.url, publicUrl: t.baseUrl, linkKey: KEY });
    try {
      const notice = (key: string) =>
        queueMessage(db, {
          platformId: seeded.platformId,
          kind: "notice",
          dedupeKey: key,
          recipients: [{ userId: "stud-1", email: "stud@example.lv", name: "Anna Kalniņa" }],
          data: { title: "Mācību diena", body: "Sākums 9:00.", at: AT.toISOString() },
          now: T0,
        });
      await notice("notice-1");
      await sendDueMessages(deps, new Date());
      // other tests' messages (the connection check) may go out in the same run, in any order: take the student's
      const mail = readMail(sink.received.find((m) => m.to.includes("stud@example.lv"))!.raw);
      const url = /<(http[^>]+)>/.exec(mail.headers["list-unsubscribe"]!)![1]!;
      expect(mail.headers["list-unsubscribe-post"]).to.equal("List-Unsubscribe=One-Click");
      expect(mail.text).to.include(url);
      const path = new URL(url).pathname;
      const shown = await request(t.baseUrl).get(path).expect(200);
      expect(textOf(shown.text)).to.include("Vairs nesūtīt jums ziņas “Paziņojums studentiem”?");
      expect(await db.select().from(notifyOptOuts)).to.have.length(0); // opening the link changes nothing
      await request(t.baseUrl).post(path).type("form").send({ "List-Unsubscribe": "One-Click" }).expect(200);
      const forged = signUnsubscribe("another-key-0123456789-abcdefghijklm", {
        platformId: seeded.platformId,
        userId: "stud-2",
        kind: "notice",
      });
      await request(t.baseUrl).post(`/notify/unsubscribe/${forged}`).expect(404);
      expect((await db.select().from(notifyOptOuts)).map((o) => o.userId)).to.deep.equal(["stud-1"]);

      const second = await notice("notice-2");
      const before = sink.received.length;
      expect(await sendDueMessages(deps, new Date())).to.include({ skipped: 1, sent: 0 });
      expect(sink.received).to.have.length(before);
      const [row] = await db.select().from(notifyDeliveries).where(eq(notifyDeliveries.messageId, second.messageId!));
      expect(row).to.include({ state: "skipped", lastError: "opted out" });
    } finally {
      deps.mail.close();
      await sink.close();
    }
  });
});
