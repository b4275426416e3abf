import { expect } from "chai";
import { eq } from "drizzle-orm";
import { attendanceStatuses, attendanceSessions } from "../../src/db/schema.js";
import type { Launched } from "../attendance/launch.js";
import { textOf } from "../support/html.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestPlatform } from "../support/lti-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { at, launchAs, marksOf, pathOf, postForm, projector, sessionWithCheckin } from "./http-helpers.js";

describe(`check-in after the lecturer marked, and after wrong codes (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    t.clock.set(at(-30));
    lecturer = await launchAs(t, moodle, "instructor");
  });
  afterEach(() => t.clock.set(at(-30)));

  it("never tells a student the lecturer marked absent that they are already checked in", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer, { method: "static_qr", password: "saule7" });
    const [s] = await t.database.db.select().from(attendanceSessions).where(eq(attendanceSessions.id, sessionId));
    const [absent] = await t.database.db
      .select()
      .from(attendanceStatuses)
      .where(eq(attendanceStatuses.setId, s!.setId))
      .then((rows) => rows.filter((r) => r.acronym === "A"));
    const student = await launchAs(t, moodle, "learner", { sub: "5" }, "lv");
    t.clock.set(at(2));
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/sessions/${sessionId}/marks`, {
      s_5: String(absent!.id),
      o_5: "",
      r_5: "",
      or_5: "",
    }).expect(303);
    const me = await student.agent.get(`/activities/${student.activityId}/me`).expect(200);
    expect(textOf(me.text)).to.not.include("Jūs jau esat reģistrēts");
    expect(textOf(me.text)).to.include("Atzīmi ielicis pasniedzējs");
    const scan = await student.agent.get(pathOf((await projector(lecturer, sessionId)).url)).expect(409);
    expect(textOf(scan.text)).to.not.include("jau esat reģistrēts");
    expect(textOf(scan.text)).to.include("Pasniedzējs jums šai nodarbībai jau ir ielicis atzīmi");
    expect((await marksOf(t, sessionId)).map((m) => [m.userId, m.statusId, m.by])).to.deep.equal([
      ["5", absent!.id, "lecturer"],
    ]);
  });

  it("locks out wrong codes for less than the Present window, says how long, then takes the right code as Present", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer, { method: "password", password: "Ruden1s" });
    const student = await launchAs(t, moodle, "learner", { sub: "6" });
    t.clock.set(at(1));
    const form = `/activities/${student.activityId}/me/checkin/${sessionId}`;
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await student.agent.get(form).expect(200)).text)![1]!;
    const send = (code: string) => student.agent.post(form).type("form").send({ _csrf: csrf, code });
    for (let i = 0; i < 5; i++) await send("nepareizi").expect(400);
    const limited = await send("ruden1s").expect(429);
    expect(textOf(limited.text)).to.include("Wait 2 min and try again");
    t.clock.set(at(3, 30)); // still well inside "Present" (until +15)
    const ok = await send("ruden1s").expect(200);
    expect(ok.text).to.contain("You are checked in").and.contain("P · Present");
  });
});
