import { expect } from "chai";
import { asc } from "drizzle-orm";
import { studyClasses, zoomHosts } from "../../src/db/schema.js";
import { saveZoomHost } from "../../src/planning/admin/save-zoom-host.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { coordinator } from "./fixtures.js";

describe(`changing a Zoom host of the pool (${TEST_DB_KIND})`, () => {
  let database: TestDatabase;
  const actor = coordinator({ platformId: "p" });
  beforeEach(async () => (database = await createTestDatabase()));
  afterEach(async () => database.destroy());

  async function twoOverlappingClasses() {
    const hostId = await saveZoomHost(database.db, actor, {
      email: "zoom@example.lv",
      zoomUserId: null,
      concurrency: 2,
      isActive: true,
    });
    for (const lane of [1, 2]) {
      await database.db.insert(studyClasses).values({
        platformId: "p",
        naturalKey: `k${lane}`,
        classDate: "2026-10-17",
        startsAt: new Date("2026-10-17T06:00:00Z"),
        endsAt: new Date("2026-10-17T09:00:00Z"),
        courseRef: `K${lane}`,
        zoomHostId: hostId,
        zoomLane: lane,
        hostConcurrency: 2,
      });
    }
    return hostId;
  }

  it("lowering the concurrency lets go of the classes in the lanes that no longer exist, and keeps the others", async () => {
    const hostId = await twoOverlappingClasses();
    await saveZoomHost(
      database.db,
      actor,
      { email: "zoom@example.lv", zoomUserId: null, concurrency: 1, isActive: true },
      hostId,
    );
    const rows = await database.db.select().from(studyClasses).orderBy(asc(studyClasses.id));
    expect(rows.map((r) => [r.zoomHostId, r.zoomLane, r.hostConcurrency])).to.deep.equal([
      [hostId, 1, 1],
      [null, null, null],
    ]);
    const [host] = await database.db.select().from(zoomHosts);
    expect(host!.concurrency).to.equal(1);
  });

  it("deactivating a host lets go of all its classes", async () => {
    const hostId = await twoOverlappingClasses();
    await saveZoomHost(
      database.db,
      actor,
      { email: "zoom@example.lv", zoomUserId: null, concurrency: 2, isActive: false },
      hostId,
    );
    const rows = await database.db.select().from(studyClasses);
    expect(rows.every((r) => r.zoomHostId === null)).to.equal(true);
  });

  it("does not change another platform's host", async () => {
    const hostId = await twoOverlappingClasses();
    let error: unknown;
    await saveZoomHost(
      database.db,
      coordinator({ platformId: "other" }),
      { email: "x@example.lv", zoomUserId: null, concurrency: 1, isActive: true },
      hostId,
    ).catch((e: unknown) => (error = e));
    expect(error).to.have.property("code", "not_found");
  });
});
