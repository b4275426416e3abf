import { expect } from "chai";
import { asc, eq } from "drizzle-orm";
import {
  startFakeMoodle,
  FakeReply,
  UPLOAD_ENDPOINT,
  type FakeMoodle,
} from "../../moodle-ws-client/test/support/fake-moodle.js";
import { getMoodleClient } from "../../src/bridge/get-moodle-client.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import {
  classPublications,
  planningSettings,
  publishedAnnouncements,
  publishedEvents,
  studyClasses,
} from "../../src/db/schema.js";
import { publishDay } from "../../src/planning/publish/publish-day.js";
import { DEFAULT_SLOTS } from "../../src/planning/slots.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { coordinator } from "./fixtures.js";
import { callsOf, publishingWorld } from "./publish-fake-moodle.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";
const NOW = new Date("2026-10-14T10:00:00Z");

describe(`publishing a study day into Moodle (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let fake: FakeMoodle;
  let world: ReturnType<typeof publishingWorld>;
  const actor = coordinator({ platformId: "p1", locale: "lv" });
  const db = () => database.db;
  const publish = async (onlyFailed = false) =>
    publishDay(db(), actor, "2026-10-17", (await getMoodleClient(db(), KEY, "p1", { retries: 0 }))!, {
      now: NOW,
      onlyFailed,
    });

  let n = 0;
  const addClass = async (over: Partial<typeof studyClasses.$inferInsert>) => {
    const [row] = await db()
      .insert(studyClasses)
      .values({
        platformId: "p1",
        naturalKey: `k${++n}`,
        classDate: "2026-10-17",
        startsAt: new Date("2026-10-17T06:00:00Z"),
        endsAt: new Date("2026-10-17T09:00:00Z"),
        courseRef: "BK101",
        courseTitle: "Biznesa komunikācija",
        lecturerName: "Ilze Ozoliņa",
        joinUrl: `https://us02web.zoom.us/j/8574606543${n}`,
        meetingId: `8574606543${n}`,
        passcode: "Xy7@k2Lm",
        ...over,
      })
      .returning();
    return row!;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    fake = await startFakeMoodle();
    world = publishingWorld(fake);
    await saveConnection(db(), KEY, "p1", { baseUrl: fake.baseUrl, token: fake.token }, "2", NOW);
    await db()
      .insert(planningSettings)
      .values({ platformId: "p1", slots: [...DEFAULT_SLOTS], infoCourseRef: "INFO" });
  });
  afterEach(async () => {
    await fake.close();
    await database.destroy();
  });

  it("makes group and course events with the join details, reports failures per class, and posts the PDF announcement", async () => {
    const groups = await addClass({ groups: "BVK-21, BVK-22" });
    const course = await addClass({
      startsAt: new Date("2026-10-17T09:45:00Z"),
      endsAt: new Date("2026-10-17T12:45:00Z"),
    });
    const unknown = await addClass({ courseRef: "XX999" });
    const noLink = await addClass({ joinUrl: null, meetingId: null });
    await addClass({ isOnline: false, courseRef: "ON1" });

    const result = await publish();
    expect(result).to.deep.equal({
      total: 4,
      published: 2,
      removed: 0,
      failed: 2,
      announcement: { status: "published" },
    });
    const creates = callsOf(fake, "core_calendar_create_calendar_events").map(
      (c) => (c.params.events as Array<Record<string, unknown>>)[0]!,
    );
    expect(creates.map((e) => [e.eventtype, e.groupid ?? null, e.courseid])).to.have.deep.members([
      ["group", "1", "2"],
      ["group", "2", "2"],
      ["course", null, "2"],
    ]);
    const event = creates.find((e) => e.eventtype === "course")!;
    expect(event).to.include({
      name: "Biznesa komunikācija: tiešsaistes nodarbība",
      timestart: String(Date.parse("2026-10-17T09:45:00Z") / 1000),
      timeduration: "10800",
    });
    expect(event.description)
      .to.include(`href="${course.joinUrl}"`)
      .and.include("Sapulces ID: 857 4606 5432")
      .and.include("Piekļuves kods: Xy7@k2Lm")
      .and.include("Ilze Ozoliņa");

    const rows = await db().select().from(publishedEvents).orderBy(asc(publishedEvents.id));
    expect(rows.map((r) => [r.classId, r.groupName, r.moodleGroupId])).to.have.deep.members([
      [groups.id, "BVK-21", "1"],
      [groups.id, "BVK-22", "2"],
      [course.id, "", null],
    ]);
    const outcomes = Object.fromEntries(
      (await db().select().from(classPublications)).map((p) => [p.classId, [p.status, p.errorKey, p.errorParams]]),
    );
    expect(outcomes[unknown.id]).to.deep.equal(["failed", "unknown_course", { course: "XX999" }]);
    expect(outcomes[noLink.id]).to.deep.equal(["failed", "no_join_link", null]);
    expect(outcomes[groups.id]![0]).to.equal("published");

    const [upload] = fake.calls.filter((c) => c.wsfunction === UPLOAD_ENDPOINT);
    expect(upload!.files[0]).to.include({ filename: "studiju-diena-2026-10-17.pdf" });
    const [post] = callsOf(fake, "mod_forum_add_discussion");
    expect(post!.params).to.deep.include({
      forumid: "1",
      subject: "Studiju dienas plāns: sestdiena, 2026. gada 17. oktobris",
    });
    expect(JSON.stringify(post!.params.options)).to.include("attachmentsid");
    expect(await db().select().from(publishedAnnouncements)).to.have.length(1);
  });

  it("publishes nothing twice, and replaces what changed: a moved class's events, a cancelled class's event, the announcement", async () => {
    const groups = await addClass({ groups: "BVK-21, BVK-22" });
    const course = await addClass({
      startsAt: new Date("2026-10-17T09:45:00Z"),
      endsAt: new Date("2026-10-17T12:45:00Z"),
    });
    await publish();
    fake.calls.length = 0;
    expect(await publish()).to.deep.include({
      total: 2,
      published: 2,
      failed: 0,
      announcement: { status: "unchanged" },
    });
    expect(callsOf(fake, "core_calendar_create_calendar_events")).to.have.length(0);
    expect(callsOf(fake, "mod_forum_add_discussion")).to.have.length(0);

    const before = await db().select().from(publishedEvents).where(eq(publishedEvents.classId, groups.id));
    await db()
      .update(studyClasses)
      .set({ startsAt: new Date("2026-10-17T06:30:00Z"), state: "changed" })
      .where(eq(studyClasses.id, groups.id));
    await db().update(studyClasses).set({ state: "cancelled" }).where(eq(studyClasses.id, course.id));
    const courseEvent = (await db().select().from(publishedEvents).where(eq(publishedEvents.classId, course.id)))[0]!;
    expect(await publish()).to.deep.include({
      total: 2,
      published: 1,
      removed: 1,
      failed: 0,
      announcement: { status: "published" },
    });
    expect(world.deletedEvents).to.have.members([
      ...before.map((r) => Number(r.moodleEventId)),
      Number(courseEvent.moodleEventId),
    ]);
    const after = await db().select().from(publishedEvents);
    expect(after.map((r) => r.classId)).to.deep.equal([groups.id, groups.id]);
    expect(after.map((r) => r.moodleEventId)).not.to.include.members(before.map((r) => r.moodleEventId));
    expect(world.deletedPosts).to.deep.equal([1010]);
    expect(callsOf(fake, "mod_forum_add_discussion").at(-1)!.params.subject).to.equal(
      "Mainīts studiju dienas plāns: sestdiena, 2026. gada 17. oktobris",
    );
    const [announcement] = await db().select().from(publishedAnnouncements);
    expect(announcement!.discussionId).to.equal("11");
  });

  it("goes on when Moodle fails for one class, and 'retry failed' publishes just that one", async () => {
    const first = await addClass({});
    const second = await addClass({
      startsAt: new Date("2026-10-17T09:45:00Z"),
      endsAt: new Date("2026-10-17T12:45:00Z"),
    });
    let down = true;
    const working = world.nextEvent;
    fake.setResponse("core_calendar_create_calendar_events", (call: { params: Record<string, unknown> }) => {
      const [e] = call.params.events as Array<Record<string, unknown>>;
      if (down && e!.timestart === String(first.startsAt.getTime() / 1000))
        return new FakeReply({ status: 503, raw: "<html>down</html>" });
      return {
        events: [
          {
            id: world.nextEvent++,
            name: e!.name,
            eventtype: "course",
            timestart: Number(e!.timestart),
            timeduration: Number(e!.timeduration),
            courseid: 2,
          },
        ],
        warnings: [],
      };
    });
    const result = await publish();
    expect(result).to.deep.include({ total: 2, published: 1, failed: 1 });
    const [failed] = await db().select().from(classPublications).where(eq(classPublications.classId, first.id));
    expect(failed).to.include({ status: "failed", errorKey: "unavailable" });
    expect(await db().select().from(publishedEvents)).to.have.length(1);

    down = false;
    fake.calls.length = 0;
    expect(await publish(true)).to.deep.include({ total: 1, published: 1, failed: 0 });
    expect(callsOf(fake, "core_calendar_create_calendar_events")).to.have.length(1);
    expect((await db().select().from(publishedEvents)).map((r) => r.classId)).to.have.members([first.id, second.id]);
    expect(world.nextEvent).to.be.greaterThan(working);
  });
});
