import { expect } from "chai";
import { eq } from "drizzle-orm";
import { classChanges, studyClasses } from "../../src/db/schema.js";
import { importSchedule } from "../../src/planning/import/import-schedule.js";
import { listDayClasses } from "../../src/planning/queries.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { coordinator, scheduleBytes } from "./fixtures.js";

describe(`importing a semester schedule (${TEST_DB_KIND})`, () => {
  let database: TestDatabase;
  const actor = coordinator();
  const now = new Date("2026-09-01T10:00:00Z");
  beforeEach(async () => (database = await createTestDatabase()));
  afterEach(async () => database.destroy());

  const rows = [
    "2026-10-17;1;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BK-1;tiešsaistē;",
    "2026-10-17;2;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BK-1;tiešsaistē;",
    "2026-10-17;1;;;EK201;Ekonomika;Jānis Bērziņš;janis@example.lv;EK-2;klātienē;210",
  ];

  it("saves every class of a clean file and records that it was imported", async () => {
    const result = await importSchedule(database.db, actor, scheduleBytes(...rows), now);
    expect(result).to.deep.equal({ ok: true, created: 3, updated: 0, unchanged: 0 });
    const day = await listDayClasses(database.db, actor.platformId, "2026-10-17");
    expect(day.map((c) => [c.courseRef, c.slotNo, c.state])).to.deep.equal([
      ["BK101", 1, "planned"],
      ["EK201", 1, "planned"],
      ["BK101", 2, "planned"],
    ]);
    const changes = await database.db.select().from(classChanges);
    expect(changes).to.have.length(3);
    expect(changes[0]).to.include({ kind: "imported", byUserId: "2", byName: "Admin User" });
  });

  it("saves nothing when any row has a problem", async () => {
    const result = await importSchedule(
      database.db,
      actor,
      scheduleBytes(rows[0]!, "2026-10-18;1;;;BK101;;Ilze Ozoliņa;ilze@example.lv;BK-1;;"),
      now,
    );
    expect(result.ok).to.equal(false);
    expect(await database.db.select().from(studyClasses)).to.deep.equal([]);
  });

  it("updates the same classes when a corrected file is imported again, and records what changed", async () => {
    await importSchedule(database.db, actor, scheduleBytes(...rows), now);
    const corrected = [
      rows[0]!.replace("Ilze Ozoliņa;ilze@", "Inese Kalna;inese@"),
      rows[1]!,
      rows[2]!.replace(";210", ";305"),
    ];
    const result = await importSchedule(
      database.db,
      actor,
      scheduleBytes(...corrected),
      new Date("2026-09-02T10:00:00Z"),
    );
    expect(result).to.deep.equal({ ok: true, created: 0, updated: 2, unchanged: 1 });
    const all = await database.db.select().from(studyClasses);
    expect(all).to.have.length(3);
    const changed = all.find((c) => c.slotNo === 1 && c.courseRef === "BK101")!;
    expect(changed).to.include({ lecturerName: "Inese Kalna", lecturerEmail: "inese@example.lv", state: "changed" });
    const history = await database.db.select().from(classChanges).where(eq(classChanges.classId, changed.id));
    expect(history.at(-1)?.diff).to.deep.equal({
      lecturerName: { from: "Ilze Ozoliņa", to: "Inese Kalna" },
      lecturerEmail: { from: "ilze@example.lv", to: "inese@example.lv" },
    });
  });

  it("reads a windows-1257 file with commas", async () => {
    const text =
      "Date,Slot,Course,Course title,Lecturer,Email,Groups\r\n2026-10-17,1,BK101,Biznesa komunik\u0101cija,Ilze Ozoli\u0146a,ilze@example.lv,BK-1\r\n";
    const bytes = Uint8Array.from([...text].map((ch) => ({ ā: 0xe2, ņ: 0xf2 })[ch] ?? ch.charCodeAt(0)));
    const result = await importSchedule(database.db, actor, bytes, now);
    expect(result).to.deep.include({ ok: true, created: 1 });
    const [row] = await database.db.select().from(studyClasses);
    expect(row).to.include({ courseTitle: "Biznesa komunikācija", lecturerName: "Ilze Ozoliņa" });
  });
});
