import { expect } from "chai";
import type { Actor } from "../../src/lti/actor.js";
import { getLivePage } from "../../src/planning/live/get-live-page.js";
import { pollMeetings } from "../../src/planning/live/poll-meetings.js";
import { createZoomClient } from "../../src/planning/zoom/zoom-client.js";
import { startFakeZoom, type FakeMeeting, type FakeZoom } from "../support/fake-zoom.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { DATE, makeWorld, type World } from "./timeline-world.js";

/** The meeting of class A (09:00-12:00 Riga, 06:00-09:00 UTC), as the fake Zoom holds it. */
function fakeMeeting(id: string): FakeMeeting {
  return {
    id: Number(id),
    uuid: `uuid-${id}==`,
    host_id: "host-1",
    host_email: "zoom1@kolegija.lv",
    topic: "BK101",
    type: 2,
    start_time: "2026-10-17T06:00:00Z",
    duration: 180,
    timezone: "Europe/Riga",
    password: "Xy7@k2Lm",
    join_url: `https://us02web.zoom.us/j/${id}`,
    start_url: `https://us02web.zoom.us/s/${id}`,
    settings: {},
    status: "waiting",
  };
}

describe(`the live day without Zoom webhooks: polling GET /meetings/{id} (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let zoom: FakeZoom;
  let world: World;
  const actor = { platformId: "p1", locale: "en" } as Actor;
  const at = (iso: string) => new Date(iso);
  const client = () =>
    createZoomClient({
      ...zoom.credentials,
      apiUrl: zoom.apiUrl,
      oauthUrl: zoom.oauthUrl,
      sleep: async () => undefined,
    });
  const states = async (now: Date) =>
    Object.fromEntries((await getLivePage(database.db, actor, DATE, now)).rows.map((r) => [r.id, r.liveState]));

  before(async () => {
    database = await createTestDatabase();
    zoom = await startFakeZoom();
    world = await makeWorld(database.db);
    zoom.meetings.set("85746065431", fakeMeeting("85746065431")); // class B's meeting is not on Zoom: 404
  });
  after(async () => {
    await zoom.close();
    await database.destroy();
  });

  it("asks nothing before a class's start - 15 min", async () => {
    const out = await pollMeetings(database.db, client(), at("2026-10-17T05:40:00Z"));
    expect(out).to.deep.equal({ checked: 0, started: 0, ended: 0, failed: [] });
    expect(zoom.calls.filter((c) => c.startsWith("GET /meetings/"))).to.have.length(0);
  });

  it("a meeting still waiting at start + 11 min leaves the class late", async () => {
    const now = at("2026-10-17T06:11:00Z");
    const out = await pollMeetings(database.db, client(), now);
    expect(out).to.include({ checked: 1, started: 0, ended: 0 });
    expect((await states(now))[world.classes.a]).to.equal("late");
  });

  it("records a meeting seen running as started, once however often it is polled", async () => {
    zoom.meetings.get("85746065431")!.status = "started";
    const now = at("2026-10-17T06:12:00Z");
    expect(await pollMeetings(database.db, client(), now)).to.include({ checked: 1, started: 1 });
    expect(await pollMeetings(database.db, client(), at("2026-10-17T06:13:00Z"))).to.include({ started: 0 });
    expect((await states(now))[world.classes.a]).to.equal("started");
  });

  it("records it ended when Zoom no longer runs it; then stops asking about it", async () => {
    zoom.meetings.get("85746065431")!.status = "waiting";
    const now = at("2026-10-17T08:58:00Z");
    expect(await pollMeetings(database.db, client(), now)).to.include({ checked: 1, ended: 1 });
    expect((await states(now))[world.classes.a]).to.equal("ended");
    const asked = zoom.calls.filter((c) => c === "GET /meetings/85746065431").length;
    await pollMeetings(database.db, client(), at("2026-10-17T09:05:00Z"));
    expect(zoom.calls.filter((c) => c === "GET /meetings/85746065431").length).to.equal(asked);
  });

  it("a meeting Zoom does not know is reported, and the class's state stays what was heard", async () => {
    const now = at("2026-10-17T09:50:00Z");
    const out = await pollMeetings(database.db, client(), now);
    expect(out.failed.map((f) => f.classId)).to.deep.equal([world.classes.b]);
    expect((await states(now))[world.classes.b]).to.equal("waiting");
  });
});
