import { expect } from "chai";
import { eq } from "drizzle-orm";
import { attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, postForm, type Launched } from "./launch.js";

describe(`a register marked for only some students says how many (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  let latvian: Launched;
  let list: string;
  let page: string;
  let status: Record<string, number>;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    lecturer = await launchAs(t, moodle, "instructor");
    latvian = await launchAs(t, moodle, "instructor", {}, "lv");
    list = `/activities/${lecturer.activityId}/attendance/sessions`;
    await postForm(lecturer, list, { date: "2025-10-01", startTime: "09:00", endTime: "10:30" }).expect(303);
    const [s] = await t.database.db.select().from(attendanceSessions);
    page = `${list}/${s!.id}`;
    const rows = await t.database.db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, s!.setId));
    status = Object.fromEntries(rows.map((r) => [r.acronym, r.id]));
  });
  const take = (html: string) => /data-testid="take-\d+"[^>]*>([^<]*)</.exec(html)?.[1];

  it("offers to take a register nobody has marked, and says so in its header", async () => {
    expect(take((await lecturer.agent.get(list).expect(200)).text)).to.equal("Take attendance");
    expect(textOf((await lecturer.agent.get(page).expect(200)).text)).to.include("Nobody marked yet");
  });

  it("says 2 of 6 marked (2 no 6 atzīmēti), never Taken, when 2 of the 6 students are marked", async () => {
    await postForm(lecturer, `${page}/marks`, {
      s_4: String(status.P),
      o_4: "",
      s_5: String(status.A),
      o_5: "",
    }).expect(303);
    expect(take((await lecturer.agent.get(list).expect(200)).text)).to.equal("2 of 6 marked");
    expect(take((await latvian.agent.get(list).expect(200)).text)).to.equal("2 no 6 atzīmēti");
    expect(textOf((await lecturer.agent.get(page).expect(200)).text)).to.include("2 of 6 marked");
    expect(textOf((await latvian.agent.get(page).expect(200)).text)).to.include("2 no 6 atzīmēti");
  });

  it("says Taken once every student has a mark", async () => {
    const rest = ["6", "7", "8", "9"].flatMap((u) => [
      [`s_${u}`, String(status.P)],
      [`o_${u}`, ""],
    ]);
    await postForm(lecturer, `${page}/marks`, Object.fromEntries(rest)).expect(303);
    expect(take((await lecturer.agent.get(list).expect(200)).text)).to.equal("Taken");
    expect(textOf((await latvian.agent.get(page).expect(200)).text)).to.include("Atzīmēti visi");
  });
});
