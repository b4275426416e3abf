import { expect } from "chai";
import { eq, inArray } from "drizzle-orm";
import { studyClasses, timelineSettings, zoomHosts } from "../../src/db/schema.js";
import { runDay } from "../../src/planning/timeline/run-day.js";
import { syncDayMeetings } from "../../src/planning/zoom/sync-day-meetings.js";
import { createZoomClient, type ZoomClient } from "../../src/planning/zoom/zoom-client.js";
import { startFakeZoom, type FakeZoom } from "../support/fake-zoom.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { coordinator } from "./fixtures.js";
import { DATE, dayPlus, makeWorld, stepStates, timelineDeps, type World } from "./timeline-world.js";

/** Cleanup at T+3 against the fake Zoom: join details purged, Zoom meetings deleted only when set, once. */
describe(`study-day cleanup and its Zoom option (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let zoom: FakeZoom;
  let client: ZoomClient;
  let world: World;
  const db = () => database.db;
  const deletes = () => zoom.calls.filter((c) => c.startsWith("DELETE /meetings/"));
  const cleanup = (at: Date) => runDay(timelineDeps(db(), false, client), "p1", DATE, at, { only: "cleanup" });
  const joinDetails = async () =>
    (await db().select().from(studyClasses).where(eq(studyClasses.platformId, "p1")).orderBy(studyClasses.id)).map(
      (c) => [c.joinUrl, c.passcode, c.manualUrl],
    );

  beforeEach(async () => {
    database = await createTestDatabase();
    zoom = await startFakeZoom();
    world = await makeWorld(db());
    await db()
      .update(studyClasses)
      .set({ joinUrl: null, meetingId: null, passcode: null })
      .where(inArray(studyClasses.id, [world.classes.a, world.classes.b]));
    await db().insert(zoomHosts).values({ platformId: "p1", email: "zoom1@kolegija.lv", concurrency: 2 });
    client = createZoomClient({ ...zoom.credentials, apiUrl: zoom.apiUrl, oauthUrl: zoom.oauthUrl });
    expect((await syncDayMeetings(db(), coordinator({ platformId: "p1" }), DATE, client, dayPlus(-9))).ok).to.equal(2);
  });
  afterEach(async () => {
    await zoom.close();
    await database.close();
  });

  it("purges join links and passcodes and keeps the Zoom meetings by default, and does it once", async () => {
    expect((await joinDetails()).filter((d) => d.some(Boolean))).to.have.length(3);
    await cleanup(dayPlus(3, 1));
    expect(await joinDetails()).to.deep.equal([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
    expect(zoom.meetings.size).to.equal(2);
    expect(await stepStates(db(), "cleanup")).to.deep.equal({ 0: "done" });
    const [before] = await db().select().from(studyClasses).where(eq(studyClasses.id, world.classes.a));
    await cleanup(dayPlus(3, 2));
    const [after] = await db().select().from(studyClasses).where(eq(studyClasses.id, world.classes.a));
    expect(after!.updatedAt.getTime()).to.equal(before!.updatedAt.getTime());
    expect(deletes()).to.deep.equal([]);
  });

  it("deletes the day's meetings when set (one already gone counts), and a second cleanup calls Zoom no more", async () => {
    await db().insert(timelineSettings).values({ platformId: "p1", cleanupDeletesMeetings: true });
    const [first] = [...zoom.meetings.keys()];
    zoom.meetings.delete(first!);
    await cleanup(dayPlus(3, 1));
    expect(zoom.meetings.size).to.equal(0);
    expect(deletes()).to.have.length(2);
    expect(await stepStates(db(), "cleanup")).to.deep.equal({ 0: "done" });
    await cleanup(dayPlus(3, 2));
    expect(deletes()).to.have.length(2);
  });

  it("leaves the purge for the next try when Zoom refuses, then finishes", async () => {
    await db().insert(timelineSettings).values({ platformId: "p1", cleanupDeletesMeetings: true });
    zoom.rateLimitNext(10, 120);
    await cleanup(dayPlus(3, 1));
    expect(await stepStates(db(), "cleanup")).to.deep.equal({ 0: "failed:zoom_failed" });
    expect((await joinDetails()).filter((d) => d.some(Boolean))).to.have.length(3);
    zoom.rateLimitNext(0, 1);
    await cleanup(dayPlus(3, 2));
    expect(await stepStates(db(), "cleanup")).to.deep.equal({ 0: "done" });
    expect(zoom.meetings.size).to.equal(0);
    expect((await joinDetails()).filter((d) => d.some(Boolean))).to.deep.equal([]);
  });
});
