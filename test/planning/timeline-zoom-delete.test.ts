import { expect } from "chai";
import { eq, inArray } from "drizzle-orm";
import { studyClasses, zoomHosts } from "../../src/db/schema.js";
import { cancelClass } from "../../src/planning/cancel-class.js";
import { restoreClass } from "../../src/planning/restore-class.js";
import { runDueSteps } from "../../src/planning/timeline/run-due-steps.js";
import { syncDayMeetings } from "../../src/planning/zoom/sync-day-meetings.js";
import { createZoomClient, type ZoomClient } from "../../src/planning/zoom/zoom-client.js";
import { startFakeZoom, type FakeZoom } from "../support/fake-zoom.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { coordinator } from "./fixtures.js";
import { DATE, dayPlus, makeWorld, stepStates, timelineDeps, type World } from "./timeline-world.js";

/** A cancelled class's Zoom meeting goes at the next pass of the timeline job, against the fake Zoom. */
describe(`deleting a cancelled class's Zoom meeting at once (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let zoom: FakeZoom;
  let client: ZoomClient;
  let world: World;
  const db = () => database.db;
  const actor = coordinator({ platformId: "p1" });
  const deletes = () => zoom.calls.filter((c) => c.startsWith("DELETE /meetings/"));
  const classA = async () => (await db().select().from(studyClasses).where(eq(studyClasses.id, world.classes.a)))[0]!;
  const pass = (at: Date) => runDueSteps(timelineDeps(db(), false, client), at);

  beforeEach(async () => {
    database = await createTestDatabase();
    zoom = await startFakeZoom();
    world = await makeWorld(db());
    const zoomed = [world.classes.a, world.classes.b];
    await db()
      .update(studyClasses)
      .set({ joinUrl: null, meetingId: null, passcode: null })
      .where(inArray(studyClasses.id, zoomed));
    await db().insert(zoomHosts).values({ platformId: "p1", email: "zoom1@kolegija.lv", concurrency: 2 });
    client = createZoomClient({ ...zoom.credentials, apiUrl: zoom.apiUrl, oauthUrl: zoom.oauthUrl });
    const synced = await syncDayMeetings(db(), actor, DATE, client, dayPlus(-9));
    expect(synced.ok).to.equal(2);
  });
  afterEach(async () => {
    await zoom.close();
    await database.close();
  });

  it("deletes it at the first pass after the cancelling, purges its join details, and only once", async () => {
    const meetingId = (await classA()).meetingId!;
    expect(zoom.meetings.has(meetingId)).to.equal(true);
    await cancelClass(db(), actor, world.classes.a, dayPlus(-20));
    await pass(dayPlus(-20, 0.01));
    expect(zoom.meetings.has(meetingId)).to.equal(false);
    expect(zoom.meetings.size).to.equal(1); // class B keeps its meeting
    const a = await classA();
    expect([a.meetingId, a.joinUrl, a.passcode, a.zoomError]).to.deep.equal([null, null, null, null]);
    expect(await stepStates(db(), "zoom_delete")).to.deep.equal({ [world.classes.a]: "done" });
    await pass(dayPlus(-20, 0.02));
    expect(deletes()).to.have.length(1);
  });

  it("counts a meeting already gone at Zoom (404) as deleted", async () => {
    zoom.meetings.delete((await classA()).meetingId!);
    await cancelClass(db(), actor, world.classes.a, dayPlus(-3));
    await pass(dayPlus(-3, 0.01));
    expect(deletes()).to.have.length(1);
    expect((await classA()).meetingId).to.equal(null);
    expect(await stepStates(db(), "zoom_delete")).to.deep.equal({ [world.classes.a]: "done" });
  });

  it("stores Zoom's refusal on the class and tries again after the backoff", async () => {
    const meetingId = (await classA()).meetingId!;
    await cancelClass(db(), actor, world.classes.a, dayPlus(-3));
    zoom.rateLimitNext(10, 120); // Retry-After beyond the client's 30 s cap
    await pass(dayPlus(-3, 0.01));
    expect((await classA()).zoomError).to.equal("rate_limited");
    expect(await stepStates(db(), "zoom_delete")).to.deep.equal({ [world.classes.a]: "failed:zoom_failed" });
    const tried = zoom.calls.length;
    await pass(dayPlus(-3, 0.02)); // before its next try (5 min later)
    expect(zoom.calls.length).to.equal(tried);
    zoom.rateLimitNext(0, 1);
    await pass(dayPlus(-3, 0.2));
    expect(zoom.meetings.has(meetingId)).to.equal(false);
    const a = await classA();
    expect([a.meetingId, a.zoomError]).to.deep.equal([null, null]);
    expect(await stepStates(db(), "zoom_delete")).to.deep.equal({ [world.classes.a]: "done" });
  });

  it("keeps the meeting of a class restored before it went (a failed try is marked skipped)", async () => {
    const meetingId = (await classA()).meetingId!;
    await cancelClass(db(), actor, world.classes.a, dayPlus(-3));
    zoom.rateLimitNext(10, 120);
    await pass(dayPlus(-3, 0.01));
    zoom.rateLimitNext(0, 1);
    await restoreClass(db(), actor, world.classes.a, dayPlus(-3, 0.1), "Europe/Riga");
    await pass(dayPlus(-3, 0.2));
    expect(zoom.meetings.has(meetingId)).to.equal(true);
    const a = await classA();
    expect([a.meetingId, a.zoomError]).to.deep.equal([meetingId, null]);
    expect(await stepStates(db(), "zoom_delete")).to.deep.equal({ [world.classes.a]: "skipped:restored" });
  });
});
