import { expect } from "chai";
import { eq } from "drizzle-orm";
import { drainGrades } from "../../src/attendance/grades/drain-grades.js";
import { recordMarks } from "../../src/attendance/register/record-marks.js";
import { createSessions } from "../../src/attendance/sessions/create-sessions.js";
import { listStatusSets } from "../../src/attendance/statuses/queries.js";
import { attendanceGradeQueue, attendanceSessions, attendanceStatuses, courses } from "../../src/db/schema.js";
import { addPlatform } from "../../src/registration/add-platform.js";
import { startHangingServer, type HangingServer } from "../support/hanging-server.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { courseFixture } from "./fixtures.js";
import { launchAs, postForm, type Launched } from "./launch.js";

const TIMEOUT_MS = 4_000;

describe(`a hung gradebook beside a healthy one (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let hung: HangingServer;
  let lecturer: Launched;
  let marks: string;
  let status: Record<string, string>;
  let hungActivity: number;
  withRegisteredApp((app) => ({ t, moodle } = app), { PLATFORM_TIMEOUT_MS: String(TIMEOUT_MS) });
  before(async () => {
    hung = await startHangingServer();
    const platform = await addPlatform(t.lti, {
      name: "Hung Moodle",
      issuer: hung.url,
      clientId: "hung-client",
      authEndpoint: `${hung.url}/mod/lti/auth.php`,
      tokenEndpoint: `${hung.url}/mod/lti/token.php`,
      jwksUrl: `${hung.url}/mod/lti/certs.php`,
      active: true,
    });
    // The hung platform's course, with marks queued for its gradebook, due before the healthy course's.
    const c = await courseFixture(t.database.db, 2, {
      scoreMaximum: 10,
      lineItemUrl: `${hung.url}/mod/lti/services.php/2/lineitems/6/lineitem?type_id=1`,
    });
    hungActivity = c.activityId;
    const day = { date: "2025-10-01", startTime: "09:00", endTime: "10:00", description: "", room: null };
    const [session] = (await createSessions(
      t.database.db,
      c.lecturer,
      c.activityId,
      { ...day, lecturerUserId: null, groupIds: [] },
      null,
    )) as [number];
    const [set] = await listStatusSets(t.database.db, c.activityId);
    const P = set!.statuses[0]!.id;
    const wish = (userId: string) => ({ userId, statusId: P, shownStatusId: null, remark: "", shownRemark: "" });
    await recordMarks(t.database.db, c.lecturer, c.activityId, session, [wish("4"), wish("5")], new Date());
    await t.database.db.update(courses).set({ platformId: platform.id }).where(eq(courses.id, c.courseId));
    await t.database.db
      .update(attendanceGradeQueue)
      .set({ dueAt: new Date("2000-01-01T00:00:00Z") })
      .where(eq(attendanceGradeQueue.activityId, hungActivity));

    lecturer = await launchAs(t, moodle, "instructor");
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/sessions`, {
      date: "2025-10-01",
      startTime: "09:00",
      endTime: "10:30",
    }).expect(303);
    const [s] = await t.database.db
      .select()
      .from(attendanceSessions)
      .where(eq(attendanceSessions.activityId, lecturer.activityId));
    marks = `/activities/${lecturer.activityId}/attendance/sessions/${s!.id}/marks`;
    const rows = await t.database.db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, s!.setId));
    status = Object.fromEntries(rows.map((r) => [r.acronym, String(r.id)]));
  });
  after(async () => hung?.close());

  const until = async (what: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!what() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    return what();
  };

  it("sends the healthy course's grades at once, while the hung one times out and waits for a retry", async () => {
    await postForm(lecturer, marks, { s_4: status.P!, o_4: "" }).expect(303);
    const started = Date.now();
    const later = () => new Date(Date.now() + 60_000); // past the 5 s batch delay
    const run = drainGrades(t.database.db, t.lti, later, { windowMs: TIMEOUT_MS + 500, pollMs: 200 });
    expect(await until(() => moodle.gradeOf("4") !== undefined, TIMEOUT_MS - 500)).to.equal(true);
    // the hung gradebook took the connection and holds it (the healthy answer may come back before it connects)
    expect(await until(() => hung.sockets.length >= 1, TIMEOUT_MS - 500 - (Date.now() - started))).to.equal(true);
    // a register saved while the hung call is still waiting goes out too, without waiting for it
    await postForm(lecturer, marks, { s_5: status.P!, o_5: "" }).expect(303);
    expect(await until(() => moodle.gradeOf("5") !== undefined, TIMEOUT_MS - 500 - (Date.now() - started))).to.equal(
      true,
    );
    expect(Date.now() - started).to.be.below(TIMEOUT_MS);
    const result = await run;
    expect(result).to.include({ sent: 2 });
    expect(result.failed).to.equal(2);
    expect(Date.now() - started).to.be.below(TIMEOUT_MS + 3_000);
    const left = await t.database.db.select().from(attendanceGradeQueue);
    expect(left.map((r) => r.activityId)).to.deep.equal([hungActivity, hungActivity]);
    const tried = left.find((r) => r.attempts === 1)!;
    expect(tried.lastError).to.match(/timeout/i);
    expect(tried.dueAt.getTime()).to.be.above(Date.now() + 60_000); // retried later, after the back-off
    expect(left.find((r) => r.attempts === 0)!.lastError).to.equal("not sent: the platform did not answer");
  });
});
