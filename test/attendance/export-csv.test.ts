import { expect } from "chai";
import { createSessions } from "../../src/attendance/sessions/create-sessions.js";
import { csvRows } from "../../src/attendance/export/export-csv.js";
import { exportTidy } from "../../src/attendance/export/export-rows.js";
import { markAllUnmarked } from "../../src/attendance/register/mark-all-unmarked.js";
import { listStatusSets } from "../../src/attendance/statuses/queries.js";
import { translator } from "../../src/i18n/i18n.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { courseFixture } from "./fixtures.js";

describe(`streaming the tidy export (${TEST_DB_KIND})`, function () {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.destroy());

  it("writes every mark exactly once across page boundaries, in several chunks", async () => {
    const c = await courseFixture(database.db, 5);
    const ids = await createSessions(
      database.db,
      c.lecturer,
      c.activityId,
      {
        date: "2025-10-01",
        startTime: "09:00",
        endTime: "10:00",
        description: "",
        room: null,
        lecturerUserId: null,
        groupIds: [],
      },
      { weekdays: [3], everyWeeks: 1, until: "2025-10-15" },
    );
    const [set] = await listStatusSets(database.db, c.activityId);
    for (const id of ids)
      await markAllUnmarked(
        database.db,
        c.lecturer,
        c.activityId,
        id,
        set!.statuses[0]!.id,
        new Date("2025-10-20T00:00:00Z"),
      );
    const chunks: string[] = [];
    await exportTidy(
      {
        db: database.db,
        courseId: c.courseId,
        activityId: c.activityId,
        zone: "Europe/Riga",
        basis: "taken",
        now: new Date(),
        t: translator("lv"),
        pageSize: 4,
      },
      csvRows({ separator: ";" }, async (s) => void chunks.push(s)),
    );
    const lines = chunks.join("").slice(1).trim().split("\r\n");
    expect(lines[0]!.startsWith("Students;Moodle lietotāja ID;")).to.equal(true);
    expect(lines).to.have.length(1 + 15);
    expect(new Set(lines.slice(1)).size).to.equal(15);
    expect(chunks.length).to.equal(1 + 4);
  });
});
