import { expect } from "chai";
import { eq, inArray } from "drizzle-orm";
import { pino } from "pino";
import { FakeReply, startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { claimCalendarWork } from "../../src/bridge/claim-calendar-work.js";
import { queueSessionCalendar } from "../../src/bridge/queue-session-calendar.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import { syncSessionCalendar } from "../../src/bridge/sync-session-calendar.js";
import {
  activities,
  attendanceSessionGroups,
  attendanceSessions,
  attendanceStatusSets,
  courseGroups,
  courses,
  moodleSessionCalendar,
  moodleSessionEvents,
} from "../../src/db/schema.js";
import { sessionCalendarDispatchJob, sessionCalendarJob } from "../../src/jobs/session-calendar.js";
import { importSessions } from "../../src/attendance/import/import-sessions.js";
import { courseFixture } from "../attendance/fixtures.js";
import { attendanceEvents } from "../../src/wiring.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { callsOf, removeFromService, statefulCalendar } from "./fake-moodle-helpers.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";
const NOW = new Date("2026-11-23T10:00:00Z");
const START = new Date("2026-11-30T08:15:00Z");

describe(`sessions in the Moodle calendar (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let fake: FakeMoodle;
  let calendar: ReturnType<typeof statefulCalendar>;
  let course: { platformId: string; courseId: number };
  let activityId: number;
  let setId: number;
  const db = () => database.db;
  const sync = (sessionId: number) => syncSessionCalendar(db(), KEY, sessionId, NOW, { retries: 0, timeoutMs: 2000 });
  const stored = async (sessionId: number) =>
    (await db().select().from(moodleSessionEvents).where(eq(moodleSessionEvents.sessionId, sessionId)))
      .map((r) => Number(r.moodleEventId))
      .sort();
  const state = async (sessionId: number) =>
    (await db().select().from(moodleSessionCalendar).where(eq(moodleSessionCalendar.sessionId, sessionId)))[0];
  async function newSession(groupIds: number[] = []) {
    const [s] = await db()
      .insert(attendanceSessions)
      .values({
        activityId,
        setId,
        startsAt: START,
        endsAt: new Date(START.getTime() + 90 * 60_000),
        description: "Lekcija 5",
        room: "A-201",
      })
      .returning();
    if (groupIds.length)
      await db()
        .insert(attendanceSessionGroups)
        .values(groupIds.map((groupId) => ({ sessionId: s!.id, groupId })));
    await queueSessionCalendar(db(), course, [s!.id], NOW);
    return s!.id;
  }

  beforeEach(async () => {
    database = await createTestDatabase();
    fake = await startFakeMoodle();
    calendar = statefulCalendar(fake);
    const [c] = await db().insert(courses).values({ platformId: "p1", contextId: "2", title: "BK101" }).returning();
    course = { platformId: "p1", courseId: c!.id };
    const [a] = await db()
      .insert(activities)
      .values({ courseId: c!.id, linkKey: "k1", title: "Apmeklējums" })
      .returning();
    activityId = a!.id;
    setId = (await db().insert(attendanceStatusSets).values({ activityId }).returning())[0]!.id;
    await saveConnection(db(), KEY, "p1", { baseUrl: fake.baseUrl, token: fake.token }, "2", NOW);
  });
  afterEach(async () => {
    await fake.close();
    await database.destroy();
  });

  it("queues sessions imported from a file for the calendar too", async () => {
    const fixture = await courseFixture(db(), 2);
    await saveConnection(
      db(),
      KEY,
      fixture.lecturer.platformId,
      { baseUrl: fake.baseUrl, token: fake.token },
      "2",
      NOW,
    );
    const result = await importSessions(
      db(),
      fixture.lecturer,
      fixture.activityId,
      { text: "date,start,end\n2026-12-01,09:00,10:30\n2026-12-08,09:00,10:30\n" },
      NOW,
      attendanceEvents,
    );
    expect(result).to.deep.include({ imported: 2 });
    const imported = await db()
      .select({ id: attendanceSessions.id })
      .from(attendanceSessions)
      .where(eq(attendanceSessions.activityId, fixture.activityId));
    const queued = await db()
      .select()
      .from(moodleSessionCalendar)
      .where(
        inArray(
          moodleSessionCalendar.sessionId,
          imported.map((r) => r.id),
        ),
      );
    expect(queued).to.have.length(2);
  });

  it("creates one course event, stores its id, and a second run changes nothing", async () => {
    const id = await newSession();
    const first = await sync(id);
    expect(first).to.include({ status: "synced", created: 1, deleted: 0 });
    const [call] = callsOf(fake, "core_calendar_create_calendar_events");
    expect(call?.form["events[0][eventtype]"]).to.equal("course");
    expect(call?.form["events[0][courseid]"]).to.equal("2");
    expect(call?.form["events[0][name]"]).to.equal("Apmeklējums: Lekcija 5");
    expect(call?.form["events[0][timestart]"]).to.equal(String(START.getTime() / 1000));
    expect(call?.form["events[0][timeduration]"]).to.equal("5400");
    expect(await stored(id)).to.deep.equal([...calendar.events.keys()]);
    expect((await sync(id)).created).to.equal(0);
    expect(callsOf(fake, "core_calendar_create_calendar_events")).to.have.length(1);
    expect(calendar.events.size).to.equal(1);
  });

  it("makes a group event per Moodle group, and follows an edit by delete and recreate", async () => {
    const groups = await db()
      .insert(courseGroups)
      .values([
        { courseId: course.courseId, name: "BVK-21", source: "moodle", moodleGroupId: "1" },
        { courseId: course.courseId, name: "BVK-22", source: "moodle", moodleGroupId: "2" },
      ])
      .returning();
    const id = await newSession(groups.map((g) => g.id));
    await sync(id);
    expect([...calendar.events.values()].map((e) => [e.eventtype, e.groupid]).sort()).to.deep.equal([
      ["group", 1],
      ["group", 2],
    ]);
    const before = await stored(id);
    await db()
      .update(attendanceSessions)
      .set({ startsAt: new Date(START.getTime() + 3600_000) })
      .where(eq(attendanceSessions.id, id));
    await queueSessionCalendar(db(), course, [id], NOW);
    expect(await sync(id)).to.include({ status: "synced", created: 2, deleted: 2 });
    const after = await stored(id);
    expect(after).to.have.length(2);
    expect(after.some((e) => before.includes(e))).to.equal(false);
    expect([...calendar.events.keys()].sort()).to.deep.equal(after);
  });

  it("removes the events of a deleted session, also when someone already deleted one in Moodle", async () => {
    const id = await newSession();
    await sync(id);
    calendar.events.clear(); // deleted by hand in Moodle: the recorded not-found answer comes back
    await db().delete(attendanceSessions).where(eq(attendanceSessions.id, id));
    await queueSessionCalendar(db(), course, [id], NOW);
    expect(await sync(id)).to.include({ status: "removed", deleted: 1 });
    expect(await stored(id)).to.deep.equal([]);
    expect((await state(id))?.status).to.equal("removed");
  });

  it("keeps the work when Moodle is down, and the job fails so pg-boss retries it", async () => {
    const id = await newSession();
    await fake.setPortClosed(true);
    const job = sessionCalendarJob({ db: db(), encryptionKey: KEY, logger: pino({ level: "silent" }), now: () => NOW });
    let thrown: unknown = null;
    await job.handle({ sessionId: id }).catch((err: unknown) => (thrown = err));
    expect(String(thrown)).to.include("Moodle unavailable");
    expect(await state(id)).to.include({ status: "failed", errorKey: "unavailable", attempts: 1 });
    await fake.setPortClosed(false);
    await job.handle({ sessionId: id });
    expect((await state(id))?.status).to.equal("synced");
    expect(await stored(id)).to.have.length(1);
  });

  it("names the missing function and does not retry a refusal blindly", async () => {
    const id = await newSession();
    fake.setResponse("core_calendar_create_calendar_events", () => undefined); // back to the fake's own answer
    removeFromService(fake, "core_calendar_create_calendar_events");
    const job = sessionCalendarJob({ db: db(), encryptionKey: KEY, logger: pino({ level: "silent" }), now: () => NOW });
    await job.handle({ sessionId: id });
    const row = await state(id);
    expect(row?.status).to.equal("failed");
    expect(row?.errorKey).to.equal("function_missing");
    expect(row?.errorParams).to.deep.equal({ function: "core_calendar_create_calendar_events" });
  });

  it("dispatches one job per queued session once, and queues nothing without a connection", async () => {
    const a = await newSession();
    const b = await newSession();
    const sent: object[] = [];
    const dispatch = sessionCalendarDispatchJob({
      db: db(),
      encryptionKey: KEY,
      logger: pino({ level: "silent" }),
      now: () => NOW,
      send: async (_n, d, o) => sent.push({ ...d, group: o.group.id }),
    });
    await dispatch.handle({});
    await dispatch.handle({});
    expect(sent).to.deep.equal([
      { sessionId: a, group: "p1" },
      { sessionId: b, group: "p1" },
    ]);
    expect(
      (await claimCalendarWork(db(), new Date(NOW.getTime() + 31 * 60_000))).map((w) => w.sessionId),
    ).to.deep.equal([a, b]);
    await db().delete(moodleSessionCalendar);
    await database.db.execute("delete from moodle_connections");
    expect(await queueSessionCalendar(db(), course, [a], NOW)).to.equal(0);
  });

  it("after a create whose answer was lost, adopts the event Moodle made instead of making a second", async () => {
    const id = await newSession();
    const create = calendar;
    let first = true;
    const template = (fake.fixture("core_calendar_create_calendar_events") as { events: Record<string, unknown>[] })
      .events[0]!;
    fake.setResponse("core_calendar_create_calendar_events", (call: { params: Record<string, unknown> }) => {
      const e = (call.params.events as Record<string, string>[])[0]!;
      const event = {
        ...template,
        ...e,
        id: create.nextId++,
        groupid: 0,
        courseid: 2,
        timestart: Number(e.timestart),
        timeduration: Number(e.timeduration),
      };
      create.events.set(event.id, event);
      if (!first) return { events: [event], warnings: [] };
      first = false;
      return new FakeReply({ json: { events: [event], warnings: [] }, delayMs: 3000 }); // made, but the answer comes too late
    });
    expect((await sync(id)).problem?.key).to.equal("unavailable");
    expect(await stored(id)).to.deep.equal([]);
    const again = await sync(id);
    expect(again.status).to.equal("synced");
    expect(callsOf(fake, "core_calendar_create_calendar_events")).to.have.length(1);
    expect(callsOf(fake, "core_calendar_get_calendar_events")).to.have.length(1);
    expect(calendar.events.size).to.equal(1);
    expect(await stored(id)).to.deep.equal([...calendar.events.keys()]);
  });
});
