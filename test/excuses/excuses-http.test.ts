import { expect } from "chai";
import { and, eq } from "drizzle-orm";
import {
  activities,
  attendanceSessions,
  courses,
  excuseFiles,
  excuses,
  notifyDeliveries,
  notifyMessages,
} from "../../src/db/schema.js";
import { sendDueMessages } from "../../src/notify/index.js";
import { messageChecks } from "../../src/wiring.js";
import { deliveryDeps } from "../notify/delivery-fixtures.js";
import { readMail, startSmtpSink } from "../notify/smtp-sink.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { addSession, csrfOf, launchAs, lecturerActor, NOW, submitForm, type Launched } from "./fixtures.js";

const MB = 1024 * 1024;
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2048, 0x41)]);

describe(`excuse requests: the student's form, the file and who sees it (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));

  let lecturer: Launched;
  let janis: Launched;
  let anna: Launched;
  let past: number;
  let coming: number;
  const db = () => t.database.db;
  const rowsOf = (userId: string) => db().select().from(excuses).where(eq(excuses.userId, userId));

  before(async () => {
    t.clock.set(NOW);
    lecturer = await launchAs(t, moodle, "instructor", "lv");
    janis = await launchAs(t, moodle, "learner", "lv");
    anna = await launchAs(t, moodle, "learner", "en", "5");
    const actor = await lecturerActor(t, lecturer.activityId);
    past = await addSession(t, actor, "2026-10-29", "Lekcija");
    coming = await addSession(t, actor, "2026-11-05", "Seminārs");
  });
  after(() => t.clock.set(null));

  it("links the form from the student's page and offers their coming and past sessions (Latvian)", async () => {
    const home = await janis.agent.get(`/activities/${janis.activityId}/me`).expect(200);
    expect(home.text).to.include(`href="/activities/${janis.activityId}/excuses/me"`);
    expect(textOf(home.text)).to.include("Ziņot par kavējumu");
    const page = await janis.agent.get(`/activities/${janis.activityId}/excuses/me`).expect(200);
    const text = textOf(page.text);
    expect(page.text).to.include(`<optgroup label="Gaidāmās nodarbības">`);
    expect(text).to.include("ceturtdiena, 05.11.2026 09:00–10:30 · Seminārs");
    expect(text).to.include("ceturtdiena, 29.10.2026 09:00–10:30 · Lekcija");
    expect(text).to.include("Pieprasījumu vēl nav.");
    expect(page.text).to.include('enctype="multipart/form-data"');
  });

  it("saves a request with a file, shows it waiting, and tells the lecturer in Latvian over SMTP", async () => {
    const sent = await submitForm(
      janis,
      { sessionId: String(coming), reason: "Ārsta apmeklējums.\nIzziņa pielikumā." },
      { name: "C:\\Users\\jb\\izziņa.pdf", bytes: PDF },
    );
    expect(sent.status, sent.text).to.equal(303);
    const page = await janis.agent.get(sent.headers.location as string).expect(200);
    expect(textOf(page.text)).to.include("Pieprasījums nosūtīts.");
    expect(textOf(page.text)).to.include("Gaida lēmumu");
    expect(textOf(page.text)).to.include("Lejupielādēt failu izziņa.pdf (2 KB)");
    const [row] = await rowsOf("4");
    expect(row).to.include({ sessionId: coming, state: "waiting", reason: "Ārsta apmeklējums.\nIzziņa pielikumā." });
    const [file] = await db().select().from(excuseFiles).where(eq(excuseFiles.excuseId, row!.id));
    expect(file).to.include({ fileName: "izziņa.pdf", size: PDF.length });
    expect(Buffer.compare(file!.bytes, PDF)).to.equal(0);

    const sink = await startSmtpSink();
    const deps = deliveryDeps(db(), { smtpUrl: sink.url, stillValid: messageChecks });
    try {
      expect(await sendDueMessages(deps, NOW)).to.include({ sent: 1 });
      const mail = readMail(sink.received[0]!.raw);
      expect(sink.received[0]!.to).to.deep.equal(["ilze.ozolina@example.lv"]);
      expect(mail.headers.subject).to.equal("Jānis Bērziņš lūdz attaisnot kavējumu: Biznesa komunikācija");
      expect(mail.text).to.match(/Nodarbība: ceturtdiena, 5\. novembris, 09:00/i);
      expect(mail.text).to.include("Ārsta apmeklējums.");
      expect(mail.text).to.include("Pieprasījumam rīkā pievienots apliecinošs dokuments.");
    } finally {
      deps.mail.close();
      await sink.close();
    }
  });

  it("refuses a second request for the same session with a message, keeping the reason", async () => {
    const again = await submitForm(janis, { sessionId: String(coming), reason: "Vēlreiz" });
    expect(again.status).to.equal(400);
    expect(textOf(again.text)).to.include("Par šo nodarbību jums jau ir pieprasījums");
    expect(again.text).to.match(/<textarea[^>]*name="reason"[^>]*>Vēlreiz<\/textarea>/);
    expect(await rowsOf("4")).to.have.length(1);
  });

  it("saves a request without a file for a past session, in English", async () => {
    const page = await anna.agent.get(`/activities/${anna.activityId}/excuses/me`).expect(200);
    expect(textOf(page.text)).to.include("Thursday, 29 Oct 2026 09:00–10:30 · Lekcija");
    const sent = await submitForm(anna, { sessionId: String(past), reason: "I had\u0000 a fever." }); // NUL: stripped
    expect(sent.status, sent.text).to.equal(303);
    const after = await anna.agent.get(sent.headers.location as string).expect(200);
    expect(textOf(after.text)).to.include("Your request is sent.");
    expect(textOf(after.text)).to.include("Waiting");
    const [row] = await rowsOf("5");
    expect(row).to.include({ sessionId: past, state: "waiting", reason: "I had a fever." });
    expect(await db().select().from(excuseFiles).where(eq(excuseFiles.excuseId, row!.id))).to.have.length(0);
  });

  it("refuses a too large file with a clear message and keeps the reason typed (both languages)", async () => {
    const big = { name: "scan.pdf", bytes: Buffer.alloc(5 * MB + 1, 0x41) };
    const lv = await submitForm(janis, { sessionId: String(past), reason: "Slimība, izziņa klāt" }, big);
    expect(lv.status).to.equal(400);
    expect(textOf(lv.text)).to.include("Fails ir lielāks par 5 MB.");
    expect(lv.text).to.match(/<textarea[^>]*name="reason"[^>]*>Slimība, izziņa klāt<\/textarea>/);
    expect(lv.text).to.match(new RegExp(`<option value="${past}" selected>`));
    // 8 MB: past the room kept for the body, so only the parts before the file are read (and the rest thrown away)
    const huge = { name: "photo.jpg", bytes: Buffer.alloc(8 * MB, 0x42) };
    const en = await submitForm(anna, { sessionId: String(coming), reason: "Surgery" }, huge);
    expect(en.status).to.equal(400);
    expect(textOf(en.text)).to.include("The file is larger than 5 MB.");
    expect(en.text).to.match(/>Surgery<\/textarea>/);
    expect(await db().select().from(excuses)).to.have.length(2); // nothing new saved
  });

  it("refuses a file of the wrong kind and a missing reason, each with its message", async () => {
    const exe = await submitForm(
      janis,
      { sessionId: String(past), reason: "Slimība" },
      {
        name: "izzina.html",
        bytes: Buffer.from("<script>alert(1)</script>"),
      },
    );
    expect(exe.status).to.equal(400);
    expect(textOf(exe.text)).to.include("Šāda veida fails netiek pieņemts. Izvēlieties kādu no: PDF, JPG");
    const empty = await submitForm(janis, { sessionId: String(past), reason: "   " }, { name: "a.pdf", bytes: PDF });
    expect(empty.status).to.equal(400);
    expect(textOf(empty.text)).to.include("Uzrakstiet iemeslu.");
    expect(textOf(empty.text)).to.include("Fails netika saglabāts, jo pieprasījums netika nosūtīts");
    const other = await submitForm(janis, { sessionId: "999999", reason: "Slimība" });
    expect(other.status).to.equal(400);
    expect(textOf(other.text)).to.include("Izvēlieties kādu no savām nodarbībām.");
    expect(await rowsOf("4")).to.have.length(1);
  });

  it("sends the file only as a download: attachment, octet-stream, nosniff, a clean name", async () => {
    const [row] = await rowsOf("4");
    const url = `/activities/${lecturer.activityId}/excuses/${row!.id}/file`;
    const res = await lecturer.agent.get(url).buffer(true).expect(200);
    expect(res.headers["content-type"]).to.equal("application/octet-stream");
    expect(res.headers["content-disposition"]).to.equal(
      "attachment; filename=\"izzina.pdf\"; filename*=UTF-8''izzi%C5%86a.pdf",
    );
    expect(res.headers["x-content-type-options"]).to.equal("nosniff");
    expect(res.headers["content-security-policy"]).to.equal("default-src 'none'; sandbox");
    expect(res.headers["cache-control"]).to.equal("private, no-store");
    expect(Buffer.compare(res.body as Buffer, PDF)).to.equal(0);
    await janis.agent.get(`/activities/${janis.activityId}/excuses/${row!.id}/file`).expect(200); // their own
    await anna.agent.get(`/activities/${anna.activityId}/excuses/${row!.id}/file`).expect(404); // not hers
  });

  it("answers 404 for another course's request and another student's, and 403 for the wrong role", async () => {
    const [course] = await db().select().from(courses).limit(1);
    const [other] = await db()
      .insert(courses)
      .values({ platformId: course!.platformId, contextId: "other-course", title: "Grāmatvedība" })
      .returning();
    const [act] = await db()
      .insert(activities)
      .values({ courseId: other!.id, linkKey: "other-link", resourceLinkId: "other-rl", title: "Apmeklējums" })
      .returning();
    const [set] = await db().select().from(attendanceSessions).where(eq(attendanceSessions.id, past));
    const [session] = await db()
      .insert(attendanceSessions)
      .values({ activityId: act!.id, setId: set!.setId, startsAt: NOW, endsAt: NOW })
      .returning();
    const [foreign] = await db()
      .insert(excuses)
      .values({ activityId: act!.id, sessionId: session!.id, userId: "4", reason: "x", createdAt: NOW, updatedAt: NOW })
      .returning();
    await db()
      .insert(excuseFiles)
      .values({ excuseId: foreign!.id, fileName: "a.pdf", size: 1, bytes: Buffer.from("a") });
    const base = `/activities/${lecturer.activityId}/excuses`;
    const page = await lecturer.agent.get(base).expect(200);
    const decide = await lecturer.agent
      .post(`${base}/${foreign!.id}/decide`)
      .type("form")
      .send({ _csrf: csrfOf(page.text), decision: "approve", note: "" });
    expect(decide.status).to.equal(404);
    await lecturer.agent.get(`${base}/${foreign!.id}/file`).expect(404);
    await janis.agent.get(`/activities/${janis.activityId}/excuses/${foreign!.id}/file`).expect(404);
    const [annas] = await rowsOf("5");
    const mine = await janis.agent.get(`/activities/${janis.activityId}/excuses/me`).expect(200);
    await janis.agent
      .post(`/activities/${janis.activityId}/excuses/me/${annas!.id}/withdraw`)
      .type("form")
      .send({ _csrf: csrfOf(mine.text) })
      .expect(404);
    expect(textOf(mine.text)).not.to.include("I had a fever.");
    await janis.agent.get(base).expect(403);
    await lecturer.agent.get(`${base}/me`).expect(403);
    const [still] = await db().select().from(excuses).where(eq(excuses.id, foreign!.id));
    expect(still).to.include({ state: "waiting" });
  });

  it("lets a student withdraw a waiting request; the lecturers' unsent message is then skipped", async () => {
    const [annas] = await rowsOf("5");
    const page = await anna.agent.get(`/activities/${anna.activityId}/excuses/me`).expect(200);
    const res = await anna.agent
      .post(`/activities/${anna.activityId}/excuses/me/${annas!.id}/withdraw`)
      .type("form")
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
    const after = await anna.agent.get(res.headers.location as string).expect(200);
    expect(textOf(after.text)).to.include("Your request is withdrawn.");
    expect(textOf(after.text)).to.include("Withdrawn");
    const [row] = await rowsOf("5");
    expect(row).to.include({ state: "withdrawn" });
    const sink = await startSmtpSink();
    const deps = deliveryDeps(db(), { smtpUrl: sink.url, stillValid: messageChecks });
    try {
      expect(await sendDueMessages(deps, NOW)).to.include({ sent: 0, skipped: 1 });
      expect(sink.received).to.have.length(0);
    } finally {
      deps.mail.close();
      await sink.close();
    }
    const [message] = await db()
      .select()
      .from(notifyMessages)
      .where(and(eq(notifyMessages.kind, "excuse-request"), eq(notifyMessages.dedupeKey, `excuse:${row!.id}:request`)));
    const [delivery] = await db().select().from(notifyDeliveries).where(eq(notifyDeliveries.messageId, message!.id));
    expect(delivery).to.include({ state: "skipped" });
  });
});
