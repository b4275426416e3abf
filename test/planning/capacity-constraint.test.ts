import { expect } from "chai";
import { eq } from "drizzle-orm";
import { studyClasses, zoomHosts } from "../../src/db/schema.js";
import { pgErrorCode } from "../../src/planning/pg-error-code.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";

describe(`the database never lets a Zoom host go over capacity (${TEST_DB_KIND})`, () => {
  let database: TestDatabase;
  let n = 0;
  before(async () => (database = await createTestDatabase()));
  after(async () => database.destroy());

  const host = async (concurrency: number) => {
    const [row] = await database.db
      .insert(zoomHosts)
      .values({ platformId: "p", email: `h${++n}@example.lv`, concurrency })
      .returning();
    return row!;
  };
  const book = (
    h: { id: number; concurrency: number },
    lane: number,
    from: string,
    to: string,
    state: "planned" | "cancelled" = "planned",
  ) =>
    database.db.insert(studyClasses).values({
      platformId: "p",
      naturalKey: `k${++n}`,
      classDate: "2026-10-15",
      startsAt: new Date(`2026-10-15T${from}:00Z`),
      endsAt: new Date(`2026-10-15T${to}:00Z`),
      courseRef: "BK101",
      state,
      zoomHostId: h.id,
      zoomLane: lane,
      hostConcurrency: h.concurrency,
    });
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return pgErrorCode(err);
    }
    return "accepted";
  };

  it("refuses a second overlapping class on a single-meeting host", async () => {
    const h = await host(1);
    await book(h, 1, "07:00", "10:00");
    expect(await refusal(book(h, 1, "09:00", "11:00"))).to.equal("23P01");
    expect(await refusal(book(h, 1, "10:00", "13:00"))).to.equal("accepted"); // touching is not overlapping
  });

  it("lets a Business host hold two at once, in two lanes, but never a third", async () => {
    const h = await host(2);
    await book(h, 1, "07:00", "10:00");
    await book(h, 2, "07:00", "10:00");
    expect(await refusal(book(h, 3, "07:00", "10:00"))).to.equal("23514");
    expect(await refusal(book(h, 2, "08:00", "09:00"))).to.equal("23P01");
  });

  it("does not count cancelled classes", async () => {
    const h = await host(1);
    await book(h, 1, "07:00", "10:00", "cancelled");
    expect(await refusal(book(h, 1, "07:00", "10:00"))).to.equal("accepted");
  });

  it("refuses lowering a host's concurrency below the lanes it holds, and a class with a host but no lane", async () => {
    const h = await host(2);
    await book(h, 2, "12:00", "14:00");
    expect(await refusal(database.db.update(zoomHosts).set({ concurrency: 1 }).where(eq(zoomHosts.id, h.id)))).to.equal(
      "23514",
    );
    expect(await refusal(book({ id: h.id, concurrency: 1 }, 1, "15:00", "16:00"))).to.equal("23503");
    expect(
      await refusal(
        database.db.insert(studyClasses).values({
          platformId: "p",
          naturalKey: "x",
          classDate: "2026-10-15",
          startsAt: new Date("2026-10-15T15:00Z"),
          endsAt: new Date("2026-10-15T16:00Z"),
          courseRef: "X",
          zoomHostId: h.id,
        }),
      ),
    ).to.equal("23514");
  });
});
