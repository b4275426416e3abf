import { expect } from "chai";
import { eq } from "drizzle-orm";
import { studyClasses, zoomHosts } from "../../src/db/schema.js";
import { cancelClass } from "../../src/planning/cancel-class.js";
import { editClass } from "../../src/planning/edit-class.js";
import { importSchedule } from "../../src/planning/import/import-schedule.js";
import { listDayClasses } from "../../src/planning/queries.js";
import { takeHostCall } from "../../src/planning/zoom/host-usage.js";
import { syncDayMeetings } from "../../src/planning/zoom/sync-day-meetings.js";
import { createZoomClient, type ZoomClient } from "../../src/planning/zoom/zoom-client.js";
import { startFakeZoom, type FakeZoom } from "../support/fake-zoom.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { coordinator, scheduleBytes } from "./fixtures.js";

describe(`assigning Zoom hosts and meetings for a day (${TEST_DB_KIND})`, () => {
  let database: TestDatabase;
  let fake: FakeZoom;
  let zoom: ZoomClient;
  const actor = coordinator();
  const now = new Date("2026-10-10T08:00:00Z");
  const DAY = "2026-10-17";
  beforeEach(async () => {
    database = await createTestDatabase();
    fake = await startFakeZoom();
    zoom = createZoomClient({
      ...fake.credentials,
      apiUrl: fake.apiUrl,
      oauthUrl: fake.oauthUrl,
      sleep: async () => undefined,
    });
    await importSchedule(
      database.db,
      actor,
      scheduleBytes(
        `${DAY};1;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BK-1;tiešsaistē;`,
        `${DAY};1;;;EK201;Ekonomika;Jānis Bērziņš;janis@example.lv;EK-2;tiešsaistē;`,
        `${DAY};1;;;MA101;Matemātika;Anna Liepa;anna@example.lv;MA-1;tiešsaistē;`,
        `${DAY};2;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BK-1;tiešsaistē;`,
        `${DAY};1;;;FI101;Filozofija;Pēteris Kalns;peteris@example.lv;FI-1;klātienē;101`,
      ),
      now,
    );
  });
  afterEach(async () => {
    await fake.close();
    await database.destroy();
  });
  const addHosts = (...concurrency: number[]) =>
    database.db
      .insert(zoomHosts)
      .values(
        concurrency.map((c, i) => ({ platformId: actor.platformId, email: `zoom${i + 1}@example.lv`, concurrency: c })),
      )
      .returning();
  const day = () => listDayClasses(database.db, actor.platformId, DAY);

  it("places every online class on as few hosts as possible and creates its meeting; on-site classes get none", async () => {
    await addHosts(1, 1, 1, 1);
    const result = await syncDayMeetings(database.db, actor, DAY, zoom, now);
    expect(result).to.deep.equal({ ok: 4, failed: [], unplaced: [] });
    const rows = await day();
    const online = rows.filter((c) => c.isOnline);
    expect(new Set(online.map((c) => c.zoomHostId)).size).to.equal(3);
    for (const c of online) {
      expect(c.meetingId).to.match(/^\d{11}$/);
      expect(fake.meetings.get(c.meetingId!)?.join_url).to.equal(c.joinUrl);
      expect(c.passcode).to.match(/^[A-Za-z0-9]{8}$/);
    }
    expect(rows.find((c) => !c.isOnline)).to.include({ zoomHostId: null, meetingId: null });
    expect(JSON.stringify(rows)).to.not.include("zak="); // no start_url anywhere
  });

  it("lists the classes that cannot be placed when the pool is too small, and still creates the others", async () => {
    await addHosts(1, 1);
    const result = await syncDayMeetings(database.db, actor, DAY, zoom, now);
    const rows = await day();
    expect(result.unplaced.map((id) => rows.find((c) => c.id === id)?.courseRef)).to.deep.equal(["MA101"]);
    expect(result.ok).to.equal(3);
  });

  it("keeps hosts and meetings when re-planned, updates a changed class's meeting and deletes a cancelled one's", async () => {
    await addHosts(2, 1);
    await syncDayMeetings(database.db, actor, DAY, zoom, now);
    const before = await day();
    const again = await syncDayMeetings(database.db, actor, DAY, zoom, now);
    expect(again.ok).to.equal(4);
    expect(fake.calls.filter((c) => c.startsWith("POST"))).to.have.length(4); // nothing new created
    expect((await day()).map((c) => [c.zoomHostId, c.meetingId])).to.deep.equal(
      before.map((c) => [c.zoomHostId, c.meetingId]),
    );

    const bk2 = before.find((c) => c.slotNo === 2)!;
    await editClass(
      database.db,
      actor,
      bk2.id,
      {
        start: "13:00",
        end: "15:00",
        lecturerName: "Ilze Ozoliņa",
        lecturerEmail: "ilze@example.lv",
        groups: "BK-1",
        manualUrl: null,
      },
      new Date(now.getTime() + 60_000),
    );
    const ma = before.find((c) => c.courseRef === "MA101")!;
    await cancelClass(database.db, actor, ma.id, new Date(now.getTime() + 60_000));
    const later = new Date(now.getTime() + 120_000);
    await syncDayMeetings(database.db, actor, DAY, zoom, later);
    expect(fake.meetings.get(bk2.meetingId!)).to.include({ start_time: `${DAY}T13:00:00`, duration: 120 });
    expect(fake.meetings.has(ma.meetingId!)).to.equal(false);
    const [cancelled] = await database.db.select().from(studyClasses).where(eq(studyClasses.id, ma.id));
    expect(cancelled).to.include({ meetingId: null, joinUrl: null });
  });

  it("does not stop at a Zoom failure: the refused class carries its error, the others get meetings", async () => {
    await addHosts(1, 1, 1);
    fake.refuseHost("zoom2@example.lv", 400, 1010, "User does not belong to this account");
    const result = await syncDayMeetings(database.db, actor, DAY, zoom, now);
    expect(result.ok).to.equal(3);
    expect(result.failed).to.have.length(1);
    const failed = (await day()).find((c) => c.id === result.failed[0]!.classId)!;
    expect(failed).to.include({ zoomError: "refused", meetingId: null });
  });

  it("respects the cap of 100 creates or updates per host per UTC day", async () => {
    const [h1] = await addHosts(2);
    for (let i = 0; i < 99; i++) expect(await takeHostCall(database.db, h1!.id, now)).to.equal(true);
    const result = await syncDayMeetings(database.db, actor, DAY, zoom, now);
    expect(result.failed.map((f) => f.error)).to.deep.equal(["daily_cap", "daily_cap"]);
    expect(fake.calls.filter((c) => c.startsWith("POST"))).to.have.length(1);
    expect(await takeHostCall(database.db, h1!.id, new Date("2026-10-11T00:00:01Z"))).to.equal(true);
  });
});
