import { expect } from "chai";
import { and, eq, inArray } from "drizzle-orm";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import { publishedEvents, studyClasses, timelineSteps, zoomHosts } from "../../src/db/schema.js";
import {
  createMailTransport,
  renderMessage,
  sendDueMessages,
  type DeliveryDeps,
  type MessageKind,
} from "../../src/notify/index.js";
import { cancelClass } from "../../src/planning/cancel-class.js";
import { runDueSteps } from "../../src/planning/timeline/run-due-steps.js";
import { syncDayMeetings } from "../../src/planning/zoom/sync-day-meetings.js";
import { createZoomClient, type ZoomClient } from "../../src/planning/zoom/zoom-client.js";
import { readMail, startSmtpSink, type SmtpSink } from "../notify/smtp-sink.js";
import { startFakeZoom, type FakeZoom } from "../support/fake-zoom.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { coordinator } from "./fixtures.js";
import { callsOf, publishingWorld } from "./publish-fake-moodle.js";
import { DATE, dayMessages, dayPlus, KEY, makeWorld, timelineDeps, type World } from "./timeline-world.js";

const HOUR = 3_600_000;

/** A whole study day, hour by hour on a fake clock, against the fake Zoom, the fake Moodle and a real SMTP server. */
describe(`a study day from T-8 to T+4 (${TEST_DB_KIND})`, function () {
  this.timeout(600_000);
  let database: TestDatabase;
  let moodle: FakeMoodle;
  let moodleWorld: ReturnType<typeof publishingWorld>;
  let zoom: FakeZoom;
  let sink: SmtpSink;
  let delivery: DeliveryDeps;
  let world: World;
  let zoomClient: ZoomClient;
  const db = () => database.db;
  /** The first tick at which each step had a row. */
  let firstSeen: Map<string, Date>;

  beforeEach(async () => {
    database = await createTestDatabase();
    moodle = await startFakeMoodle();
    moodleWorld = publishingWorld(moodle);
    zoom = await startFakeZoom();
    sink = await startSmtpSink();
    delivery = {
      db: db(),
      mail: createMailTransport({ smtpUrl: sink.url, outboxDir: "./data/test/outbox", concurrency: 3 }),
      mailFrom: "Rollbook <rollbook@kolegija.lv>",
      perMinute: 1_000,
      concurrency: 3,
      toolName: "Rollbook",
      publicUrl: "https://rollbook.kolegija.lv",
      linkKey: KEY,
      moodle: async () => null,
    };
    await saveConnection(db(), KEY, "p1", { baseUrl: moodle.baseUrl, token: moodle.token }, "2", dayPlus(-9));
    world = await makeWorld(db());
    // the Zoom classes get their meetings from the fake Zoom, as "Assign Zoom accounts" does before T-7
    const zoomed = [world.classes.a, world.classes.b];
    await db()
      .update(studyClasses)
      .set({ joinUrl: null, meetingId: null, passcode: null })
      .where(inArray(studyClasses.id, zoomed));
    await db().insert(zoomHosts).values({ platformId: "p1", email: "zoom1@kolegija.lv", concurrency: 2 });
    const client = (zoomClient = createZoomClient({
      ...zoom.credentials,
      apiUrl: zoom.apiUrl,
      oauthUrl: zoom.oauthUrl,
      sleep: async () => undefined,
    }));
    const synced = await syncDayMeetings(db(), coordinator({ platformId: "p1" }), DATE, client, dayPlus(-8, -1));
    expect(synced).to.deep.equal({ ok: 2, failed: [], unplaced: [] });
    firstSeen = new Map();
  });
  afterEach(async () => {
    delivery.mail.close();
    await sink.close();
    await zoom.close();
    await moodle.close();
    await database.destroy();
  });

  async function deliver(now: Date) {
    for (;;) {
      const r = await sendDueMessages(delivery, now);
      if (r.sent + r.retrying + r.failed + r.skipped === 0) return;
    }
  }

  /** Hour by hour: the timeline job (when the worker is up) and the outbox delivery, then what the test does. */
  async function simulate(isUp: (now: Date) => boolean, at: (now: Date) => Promise<void> = async () => undefined) {
    for (let now = dayPlus(-8); now <= dayPlus(4); now = new Date(now.getTime() + HOUR)) {
      if (isUp(now)) {
        await runDueSteps(timelineDeps(db(), true, zoomClient), now);
        await deliver(now);
        const steps = await db()
          .selectDistinct({ step: timelineSteps.step })
          .from(timelineSteps)
          .where(eq(timelineSteps.platformId, "p1"));
        for (const { step } of steps) if (!firstSeen.has(step)) firstSeen.set(step, now);
      }
      await at(now);
    }
  }

  const mails = () =>
    sink.received.map((m) => {
      const mail = readMail(m.raw);
      return { to: m.to.join(","), subject: mail.headers.subject!, text: mail.text, html: mail.html };
    });
  const summary = () =>
    mails()
      .map((m) => `${m.to} | ${m.subject}`)
      .sort();

  it("does every step once at its time, with the right recipients and content in Latvian and English; a cancellation at T-2 goes at once and removes the events", async () => {
    const { a } = world.classes;
    let eventsOfA: string[] = [];
    const [classA] = await db().select().from(studyClasses).where(eq(studyClasses.id, a));
    const zoomA = { ...zoom.meetings.get(classA!.meetingId!)! }; // the cancelled class's meeting goes at T-2
    await simulate(
      () => true,
      async (now) => {
        if (now.getTime() === dayPlus(0, 7).getTime()) {
          // class B was held: Emily joined three times, her lecturer and a guest once each
          const [b] = await db().select().from(studyClasses).where(eq(studyClasses.id, world.classes.b));
          const join = (name: string, email = "") => ({ id: "", name, user_email: email, duration: 1200 });
          zoom.setParticipants(b!.meetingId!, [
            join("Emily C.", "emily@students.lv"),
            join("Emily C.", "emily@students.lv"),
            join("Emily C.", "EMILY@students.lv"),
            join("Ilze Ozoliņa", "ilze@kolegija.lv"),
            join("Viesis"),
          ]);
        }
        if (now.getTime() !== dayPlus(-2).getTime()) return;
        eventsOfA = (await db().select().from(publishedEvents).where(eq(publishedEvents.classId, a))).map(
          (e) => e.moodleEventId,
        );
        const before = sink.received.length;
        await cancelClass(db(), coordinator({ platformId: "p1" }), a, now);
        await deliver(now); // "at once": the outbox sends it in the same minute
        expect(sink.received.length - before).to.equal(3);
      },
    );

    expect(Object.fromEntries([...firstSeen].map(([k, v]) => [k, v.toISOString()]))).to.deep.equal({
      plan: dayPlus(-7).toISOString(),
      lecturer_reminders: dayPlus(-4).toISOString(),
      student_reminders: dayPlus(-4).toISOString(),
      publish: dayPlus(-3).toISOString(),
      briefing: dayPlus(-1, 3).toISOString(), // Friday 16 October 12:00 in Riga
      cancellation: dayPlus(-2, 1).toISOString(), // its row is seen at the next tick; the messages went at once
      zoom_delete: dayPlus(-2, 1).toISOString(), // its meeting went at the pass after the cancelling
      live: dayPlus(0).toISOString(),
      counts: dayPlus(0, 8).toISOString(),
      cleanup: dayPlus(3).toISOString(),
    });

    expect(summary()).to.deep.equal([
      "anna@students.lv | Atcelta: BK101 studiju dienā Sestdiena, 17. oktobris",
      "anna@students.lv | Studiju diena Sestdiena, 17. oktobris: BK101",
      "anna@students.lv | Studiju diena Sestdiena, 17. oktobris: BK101",
      "emily@students.lv | Study day Saturday, 17 October: BK101",
      "emily@students.lv | Study day Saturday, 17 October: BK101",
      "ilze@kolegija.lv | Atcelta: BK101 studiju dienā Sestdiena, 17. oktobris",
      "ilze@kolegija.lv | Jūsu nodarbības studiju dienā Sestdiena, 17. oktobris",
      "john.smith@kolegija.lv | Your classes on Saturday, 17 October",
      "peteris@students.lv | Atcelta: BK101 studiju dienā Sestdiena, 17. oktobris",
      "peteris@students.lv | Studiju diena Sestdiena, 17. oktobris: BK101",
      "peteris@students.lv | Studiju diena Sestdiena, 17. oktobris: BK101",
    ]);

    const [meetingA, meetingB] = await db()
      .select()
      .from(studyClasses)
      .where(inArray(studyClasses.id, [world.classes.a, world.classes.b]))
      .orderBy(studyClasses.id);
    expect(meetingA!.meetingId).to.equal(null);
    expect(zoom.meetings.has(String(zoomA.id))).to.equal(false);
    const zoomB = zoom.meetings.get(meetingB!.meetingId!)!;
    const ilze = mails().find((m) => m.to === "ilze@kolegija.lv" && m.subject.startsWith("Jūsu"))!;
    for (const part of [ilze.text, ilze.html]) {
      expect(part).to.include("Jūsu nodarbības: Sestdiena, 17. oktobris");
      expect(part).to.include("Labdien, Ilze Ozoliņa! Studiju dienā jums ir 2 nodarbības.");
      expect(part).to.include("09:00–12:00 · BK101 Biznesa komunikācija");
      expect(part).to.include("12:45–15:45 · BK101 Biznesa komunikācija");
      expect(part).to.include("Grupas: BVK-21");
      expect(part).to.include(zoomA.join_url);
      expect(part).to.include(zoomB.join_url);
      expect(part).to.include(`Piekļuves kods: ${zoomA.password}`);
      expect(part).to.include("Sapulci sāciet no Zoom konta zoom1@kolegija.lv.");
      expect(part).to.include("https://rollbook.kolegija.lv/studyday/l/");
      expect(part).to.not.include(zoomA.start_url);
      expect(part).to.not.include("zak=");
    }
    expect(ilze.text).to.match(/Sapulces ID: \d{3} \d{3,4} \d{4}/);
    const john = mails().find((m) => m.to === "john.smith@kolegija.lv")!;
    expect(john.text).to.include("Hello John Smith, you have 1 class on the study day.");
    expect(john.text).to.include("12:45–15:45 · BK101 Biznesa komunikācija");
    expect(john.text).to.include("Join: https://meet.kolegija.lv/bk101");
    expect(john.text).to.not.include("Meeting ID");
    const emily = mails().filter((m) => m.to === "emily@students.lv");
    expect(
      emily.map((m) => m.text.includes(zoomB.join_url) || m.text.includes("https://meet.kolegija.lv/bk101")),
    ).to.deep.equal([true, true]);
    expect(emily[0]!.text).to.include("Study day: Saturday, 17 October");
    expect(emily.some((m) => m.text.includes(zoomA.join_url))).to.equal(false); // BVK-21's class is not hers
    const anna = mails().filter((m) => m.to === "anna@students.lv");
    expect(anna.some((m) => m.text.includes(zoomA.join_url) && m.text.includes("Piekļuves kods"))).to.equal(true);
    expect(anna.find((m) => m.subject.startsWith("Atcelta"))!.text).to.include("Šī nodarbība nenotiks.");
    for (const m of mails()) expect(m.text).to.not.include("zak=");

    // publishing at T-3: a group event per class group and a course event for the class without groups, and the PDF
    const created = callsOf(moodle, "core_calendar_create_calendar_events").length;
    expect(created).to.equal(3);
    expect(callsOf(moodle, "mod_forum_add_discussion").length).to.be.at.least(1);
    // the cancelled class's event went at the pass after the cancellation; cleanup at T+3 took the rest and the post
    expect(eventsOfA).to.have.length(1);
    expect(moodleWorld.deletedEvents.map(String)).to.include(eventsOfA[0]);
    expect(moodleWorld.deletedEvents).to.have.length(3);
    expect(moodleWorld.discussions).to.deep.equal([]);
    const left = await db().select().from(studyClasses).where(eq(studyClasses.platformId, "p1"));
    expect(left.map((c) => [c.joinUrl, c.passcode, c.manualUrl])).to.deep.equal([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
    // meeting ids stay for the participants reports; the cancelled class's went with its meeting at T-2
    expect(left.filter((c) => c.meetingId).map((c) => c.id)).to.deep.equal([world.classes.b]);
    const counts = await db()
      .select()
      .from(timelineSteps)
      .where(and(eq(timelineSteps.platformId, "p1"), eq(timelineSteps.step, "counts")));
    const byClass = Object.fromEntries(counts.map((r) => [r.classId, r.state === "done" ? r.result : r.reasonKey]));
    expect(byClass).to.deep.equal({
      [world.classes.a]: "cancelled",
      [world.classes.b]: { participants: 3, students: 1, unmatched: ["Ilze Ozoliņa", "Viesis"] },
      [world.classes.c]: "no_zoom",
    });
    const [cleanup] = await db()
      .select()
      .from(timelineSteps)
      .where(and(eq(timelineSteps.platformId, "p1"), eq(timelineSteps.step, "cleanup")));
    expect(cleanup!.result).to.deep.include({ eventsRemoved: 2, announcementRemoved: true, purged: 3 });
    // the outbox's stored copies lost every join link, meeting id and passcode; the sent mails had them
    const joinLink = /zoom\.us\/j\/|meet\.kolegija\.lv/;
    expect(mails().some((m) => joinLink.test(m.text))).to.equal(true);
    const kept = await dayMessages(db());
    expect((cleanup!.result as { messagesPurged: number }).messagesPurged).to.be.greaterThan(0);
    for (const m of kept) {
      const data = JSON.stringify(m.data);
      expect(data, m.dedupeKey).not.to.match(joinLink);
      expect(data, m.dedupeKey).not.to.match(/"(passcode|meetingId|joinUrl|manualUrl)":"[^"]/);
      const shown = await renderMessage({
        kind: m.kind as MessageKind,
        locale: "lv",
        data: m.data,
        timezone: m.timezone,
        toolName: "Rollbook",
      });
      expect(shown.text + shown.html, m.dedupeKey).not.to.match(joinLink);
    }
  });

  it("catches up without doubles when the worker is stopped from T-5 to T-2", async () => {
    const down = (now: Date) => now > dayPlus(-5) && now < dayPlus(-2);
    await simulate(
      (now) => !down(now),
      async (now) => {
        if (now.getTime() === dayPlus(-2).getTime()) {
          await runDueSteps(timelineDeps(db(), true), now); // two passes at once change nothing
          await deliver(now);
        }
      },
    );
    expect(firstSeen.get("plan")?.toISOString()).to.equal(dayPlus(-7).toISOString());
    for (const step of ["lecturer_reminders", "student_reminders", "publish"])
      expect(firstSeen.get(step)?.toISOString(), step).to.equal(dayPlus(-2).toISOString());
    expect(summary()).to.deep.equal([
      "anna@students.lv | Studiju diena Sestdiena, 17. oktobris: BK101",
      "anna@students.lv | Studiju diena Sestdiena, 17. oktobris: BK101",
      "emily@students.lv | Study day Saturday, 17 October: BK101",
      "emily@students.lv | Study day Saturday, 17 October: BK101",
      "ilze@kolegija.lv | Jūsu nodarbības studiju dienā Sestdiena, 17. oktobris",
      "john.smith@kolegija.lv | Your classes on Saturday, 17 October",
      "peteris@students.lv | Studiju diena Sestdiena, 17. oktobris: BK101",
      "peteris@students.lv | Studiju diena Sestdiena, 17. oktobris: BK101",
    ]);
    expect(callsOf(moodle, "core_calendar_create_calendar_events").length).to.equal(3);
    expect(callsOf(moodle, "mod_forum_add_discussion").length).to.equal(1);
  });
});
