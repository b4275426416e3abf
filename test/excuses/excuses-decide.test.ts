import { expect } from "chai";
import { and, eq } from "drizzle-orm";
import { recordMarks } from "../../src/attendance/register/record-marks.js";
import { closeSession } from "../../src/attendance/sessions/close-session.js";
import {
  activities,
  attendanceGradeQueue,
  attendanceMarkHistory,
  attendanceMarks,
  attendanceStatuses,
  excuses,
  followupRules,
  followupWarnings,
  notifyDeliveries,
  notifyMessages,
} from "../../src/db/schema.js";
import { DEFAULT_CONFIG, evaluateFollowup } from "../../src/followup/index.js";
import type { Actor } from "../../src/lti/actor.js";
import { sendDueMessages } from "../../src/notify/index.js";
import { messageChecks } from "../../src/wiring.js";
import { deliveryDeps } from "../notify/delivery-fixtures.js";
import { readMail, startSmtpSink, type SmtpSink } from "../notify/smtp-sink.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { addSession, csrfOf, launchAs, lecturerActor, NOW, statusIds, submitForm, type Launched } from "./fixtures.js";

describe(`excuse requests: the lecturer's decision, the excused mark and the messages (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));

  let lecturer: Launched;
  let janis: Launched;
  let anna: Launched;
  let actor: Actor;
  let past: number;
  let coming: number;
  let status: Awaited<ReturnType<typeof statusIds>>;
  let sink: SmtpSink;
  const db = () => t.database.db;
  const base = () => `/activities/${lecturer.activityId}/excuses`;
  const excuseOf = async (userId: string, sessionId: number) =>
    (
      await db()
        .select()
        .from(excuses)
        .where(and(eq(excuses.userId, userId), eq(excuses.sessionId, sessionId)))
    )[0]!;
  const markOf = async (userId: string, sessionId: number) =>
    (
      await db()
        .select()
        .from(attendanceMarks)
        .where(and(eq(attendanceMarks.userId, userId), eq(attendanceMarks.sessionId, sessionId)))
    )[0];
  const historyOf = (userId: string, sessionId: number) =>
    db()
      .select()
      .from(attendanceMarkHistory)
      .where(and(eq(attendanceMarkHistory.userId, userId), eq(attendanceMarkHistory.sessionId, sessionId)))
      .orderBy(attendanceMarkHistory.id);
  const decide = async (excuseId: number, decision: string, note: string) => {
    const page = await lecturer.agent.get(base()).expect(200);
    return lecturer.agent
      .post(`${base()}/${excuseId}/decide`)
      .type("form")
      .send({ _csrf: csrfOf(page.text), decision, note })
      .redirects(0);
  };
  const deliver = async () => {
    const deps = deliveryDeps(db(), { smtpUrl: sink.url, stillValid: messageChecks });
    try {
      return await sendDueMessages(deps, NOW);
    } finally {
      deps.mail.close();
    }
  };

  before(async () => {
    t.clock.set(NOW);
    lecturer = await launchAs(t, moodle, "instructor", "lv");
    janis = await launchAs(t, moodle, "learner", "lv");
    anna = await launchAs(t, moodle, "learner", "en", "5");
    actor = await lecturerActor(t, lecturer.activityId);
    past = await addSession(t, actor, "2026-10-29");
    coming = await addSession(t, actor, "2026-11-05");
    status = await statusIds(t, lecturer.activityId);
    // the activity has a gradebook column: a changed mark queues the student's grade, as a register save does
    await db()
      .update(activities)
      .set({ lineItemUrl: "https://moodle.invalid/lineitem/1", hasGradeColumn: true })
      .where(eq(activities.id, lecturer.activityId));
    const wish = { userId: "4", statusId: status.A, remark: "", shownStatusId: null, shownRemark: "" };
    await recordMarks(db(), actor, lecturer.activityId, past, [wish], new Date(NOW.getTime() - 86_400_000));
    await db().delete(attendanceGradeQueue);
    expect((await submitForm(janis, { sessionId: String(past), reason: "Biju slims." })).status).to.equal(303);
    expect((await submitForm(anna, { sessionId: String(coming), reason: "A family funeral." })).status).to.equal(303);
    sink = await startSmtpSink();
    await deliver(); // the lecturer's two messages about the new requests
    sink.received.length = 0;
  });
  after(async () => {
    t.clock.set(null);
    await sink.close();
  });

  it("lists the waiting requests for the lecturer with student, session and reason", async () => {
    const page = await lecturer.agent.get(base()).expect(200);
    const text = textOf(page.text);
    expect(text).to.include("Kavējumu attaisnojumi");
    expect(text).to.include("2 pieprasījumi gaida lēmumu");
    expect(text).to.include("Jānis Bērziņš");
    expect(text).to.include("ceturtdiena, 29.10.2026 09:00–10:30");
    expect(text).to.include("Biju slims.");
    expect(text).to.include("Anna Kalniņa");
    const nav = await lecturer.agent.get(`/activities/${lecturer.activityId}/attendance/sessions`).expect(200);
    expect(nav.text).to.include(`href="${base()}"`);
  });

  it("approving sets E with a history row marked by the lecturer, queues the grade and tells the student", async () => {
    const excuse = await excuseOf("4", past);
    const res = await decide(excuse.id, "approve", "Labu veseļošanos!");
    expect(res.status, res.text).to.equal(303);
    const after = await lecturer.agent.get(res.headers.location as string).expect(200);
    expect(textOf(after.text)).to.include("Apstiprināts: studentam nodarbībā atzīmēts attaisnots kavējums");
    expect(await excuseOf("4", past)).to.include({
      state: "approved",
      decisionNote: "Labu veseļošanos!",
      decidedBy: "3",
    });
    expect(await markOf("4", past)).to.include({ statusId: status.E, by: "lecturer", markedBy: "3" });
    const history = await historyOf("4", past);
    expect(history.map((h) => [h.fromStatusId, h.toStatusId, h.changedBy])).to.deep.equal([
      [null, status.A, "3"],
      [status.A, status.E, "3"],
    ]);
    const queued = await db().select().from(attendanceGradeQueue);
    expect(queued.map((q) => q.userId)).to.deep.equal(["4"]);

    expect(await deliver()).to.include({ sent: 1 });
    expect(sink.received[0]!.to).to.deep.equal(["janis.berzins@example.lv"]);
    const mail = readMail(sink.received[0]!.raw);
    expect(mail.headers.subject).to.equal("Kavējums attaisnots: Biznesa komunikācija");
    expect(mail.text).to.include("Jūsu kavējums ir attaisnots.");
    expect(mail.text).to.include("Labu veseļošanos!");
    expect(mail.text).to.include("Jūsu apmeklējumā nodarbībai atzīmēts E (attaisnots).");

    const me = await janis.agent.get(`/activities/${janis.activityId}/excuses/me`).expect(200);
    expect(textOf(me.text)).to.include("Apstiprināts");
    expect(textOf(me.text)).to.include("Pasniedzēja piezīme: Labu veseļošanos!");
    const home = await janis.agent.get(`/activities/${janis.activityId}/me`).expect(200);
    expect(textOf(home.text)).to.match(/29\.10\.2026 09:00 E Attaisnots/);
  });

  it("approving twice does nothing twice: no second history row, no second message", async () => {
    const excuse = await excuseOf("4", past);
    const res = await decide(excuse.id, "approve", "");
    expect(res.status).to.equal(303);
    const after = await lecturer.agent.get(res.headers.location as string).expect(200);
    expect(textOf(after.text)).to.include("Par šo pieprasījumu jau bija tāds lēmums; nekas nav mainīts.");
    expect(await historyOf("4", past)).to.have.length(2);
    const decisions = await db()
      .select()
      .from(notifyMessages)
      .where(eq(notifyMessages.dedupeKey, `excuse:${excuse.id}:decision`));
    expect(decisions).to.have.length(1);
    const refuse = await decide(excuse.id, "refuse", "Tomēr ne");
    expect(refuse.status).to.equal(409);
    expect(textOf(refuse.text)).to.include("Šis pieprasījums jau ir apstiprināts.");
    expect(textOf(refuse.text)).to.include("Jūsu piezīme (nav saglabāta): Tomēr ne");
  });

  it("a later change on the register wins and is in the history", async () => {
    const wish = { userId: "4", statusId: status.P, remark: "", shownStatusId: status.E, shownRemark: "" };
    await recordMarks(db(), actor, lecturer.activityId, past, [wish], NOW);
    expect(await markOf("4", past)).to.include({ statusId: status.P });
    expect((await historyOf("4", past)).map((h) => h.toStatusId)).to.deep.equal([status.A, status.E, status.P]);
    expect(await excuseOf("4", past)).to.include({ state: "approved" });
  });

  it("refusing needs a note (kept when refused); with one, the student is told in English", async () => {
    const excuse = await excuseOf("5", coming);
    const bare = await decide(excuse.id, "refuse", "  ");
    expect(bare.status).to.equal(400);
    expect(textOf(bare.text)).to.include("Uzrakstiet studentam, kāpēc pieprasījums noraidīts.");
    expect(await excuseOf("5", coming)).to.include({ state: "waiting" });
    const res = await decide(excuse.id, "refuse", "Please bring a document from the registry office.");
    expect(res.status, res.text).to.equal(303);
    expect(await excuseOf("5", coming)).to.include({
      state: "refused",
      decisionNote: "Please bring a document from the registry office.",
    });
    expect(await markOf("5", coming)).to.equal(undefined); // a refusal marks nothing
    expect(await deliver()).to.include({ sent: 1 });
    const mail = readMail(sink.received.at(-1)!.raw);
    expect(sink.received.at(-1)!.to).to.deep.equal(["anna.kalnina@example.lv"]);
    expect(mail.headers.subject).to.equal("Excuse request refused: Biznesa komunikācija");
    expect(mail.text).to.include("Your excuse request was refused.");
    expect(mail.text).to.include("Session: Thursday, 5 November, 09:00");
    expect(mail.text).to.include("Please bring a document from the registry office.");
    const me = await anna.agent.get(`/activities/${anna.activityId}/excuses/me`).expect(200);
    expect(textOf(me.text)).to.include("Refused");
    expect(textOf(me.text)).to.include("Lecturer's note: Please bring a document from the registry office.");
  });

  it("approving a coming session records E at once: the register shows it before the session", async () => {
    expect((await submitForm(janis, { sessionId: String(coming), reason: "Ārsta vizīte" })).status).to.equal(303);
    const excuse = await excuseOf("4", coming);
    expect((await decide(excuse.id, "approve", "")).status).to.equal(303);
    expect(await markOf("4", coming)).to.include({ statusId: status.E });
    const register = await lecturer.agent
      .get(`/activities/${lecturer.activityId}/attendance/sessions/${coming}`)
      .expect(200);
    expect(register.text).to.match(new RegExp(`name="s_4" id="[^"]+" value="${status.E}" checked`));
    // the close at the session's end fills only the unmarked: Jānis keeps E, Anna (refused) gets A
    await closeSession(db(), actor, lecturer.activityId, coming, new Date("2026-11-05T09:00:00Z"));
    expect(await markOf("4", coming)).to.include({ statusId: status.E });
    expect(await markOf("5", coming)).to.include({ statusId: status.A });
  });

  it("refuses to approve when the session's set has no excused status, saying what to do", async () => {
    await db().update(attendanceStatuses).set({ isHidden: true }).where(eq(attendanceStatuses.id, status.E));
    try {
      const s = await addSession(t, actor, "2026-11-12");
      expect((await submitForm(janis, { sessionId: String(s), reason: "Konference" })).status).to.equal(303);
      const res = await decide((await excuseOf("4", s)).id, "approve", "Labi");
      expect(res.status).to.equal(400);
      expect(textOf(res.text)).to.include("Šīs nodarbības statusu kopā nav attaisnota kavējuma statusa (E).");
      expect(await excuseOf("4", s)).to.include({ state: "waiting" });
    } finally {
      await db().update(attendanceStatuses).set({ isHidden: false }).where(eq(attendanceStatuses.id, status.E));
    }
  });

  it("an approval before a queued unexcused-absence warning goes out: follow-up's send-time check skips it", async () => {
    const at = new Date("2026-10-22T08:00:00Z");
    const s = await addSession(t, actor, "2026-10-22");
    const wish = { userId: "5", statusId: status.A, remark: "", shownStatusId: null, shownRemark: "" };
    await recordMarks(db(), actor, lecturer.activityId, s, [wish], at);
    await closeSession(db(), actor, lecturer.activityId, s, at);
    const off = { isOn: false, toStudent: false, toLecturers: false, toMentors: false };
    const config = { ...DEFAULT_CONFIG, below: { ...DEFAULT_CONFIG.below, ...off }, consecutive: { count: 3, ...off } };
    const since = new Date("2026-10-01T00:00:00Z");
    await db()
      .insert(followupRules)
      .values({ activityId: lecturer.activityId, config, createdAt: since, updatedBy: "3", updatedAt: since });
    await evaluateFollowup(db(), NOW);
    const warnings = await db().select().from(followupWarnings).where(eq(followupWarnings.userId, "5"));
    const warning = warnings.find((w) => w.rule === "unexcused" && w.sessionIds.includes(s));
    expect(warning, JSON.stringify(warnings)).to.not.equal(undefined);
    expect((await submitForm(anna, { sessionId: String(s), reason: "I was ill." })).status).to.equal(303);
    expect((await decide((await excuseOf("5", s)).id, "approve", "")).status).to.equal(303);
    await deliver();
    const [delivery] = await db()
      .select()
      .from(notifyDeliveries)
      .where(eq(notifyDeliveries.messageId, warning!.messageId!));
    expect(delivery).to.include({ state: "skipped" });
    const subjects = sink.received.map((m) => readMail(m.raw).headers.subject);
    expect(subjects).to.include("Absence excused: Biznesa komunikācija");
    expect(subjects.filter((x) => /Unexcused/.test(x ?? ""))).to.deep.equal([]);
  });

  it("keeps the decision to the course's staff: a student's post is refused", async () => {
    const excuse = await excuseOf("4", past);
    const page = await janis.agent.get(`/activities/${janis.activityId}/excuses/me`).expect(200);
    const res = await janis.agent
      .post(`/activities/${janis.activityId}/excuses/${excuse.id}/decide`)
      .type("form")
      .send({ _csrf: csrfOf(page.text), decision: "refuse", note: "x" });
    expect(res.status).to.equal(403);
    expect(await excuseOf("4", past)).to.include({ state: "approved" });
  });
});
