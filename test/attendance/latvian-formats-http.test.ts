import { expect } from "chai";
import { eq } from "drizzle-orm";
import { attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, postForm, type Launched } from "./launch.js";

/** A PNG's first bytes: what a lecturer uploads by mistake instead of the table. */
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1,
]);

describe(`Latvian numbers and words on attendance pages and files (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  let base: string;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    t.clock.set(new Date("2025-10-20T12:00:00Z"));
    lecturer = await launchAs(t, moodle, "instructor", {}, "lv");
    base = `/activities/${lecturer.activityId}/attendance`;
    await postForm(lecturer, `${base}/sessions`, {
      date: "2025-10-01",
      startTime: "09:00",
      endTime: "10:30",
      repeat: "on",
      weekdays: "3",
      everyWeeks: "1",
      until: "2025-10-15",
    }).expect(303);
    const sessions = await t.database.db.select().from(attendanceSessions).orderBy(attendanceSessions.startsAt);
    const statuses = await t.database.db
      .select()
      .from(attendanceStatuses)
      .where(eq(attendanceStatuses.setId, sessions[0]!.setId));
    const id = (a: string) => String(statuses.find((s) => s.acronym === a)!.id);
    // Anna Kalniņa (5): P, A, A = 2 of 6 points = 33.3 %
    for (const [i, a] of ["P", "A", "A"].entries())
      await postForm(lecturer, `${base}/sessions/${sessions[i]!.id}/marks`, { s_5: id(a), o_5: "" }).expect(303);
  });
  after(() => t.clock.set(null));

  it("writes percentages with a decimal comma on the report, the summary and the student's page", async () => {
    const report = textOf((await lecturer.agent.get(`${base}/report`).expect(200)).text);
    expect(report).to.include("Anna Kalniņa 2/6 33,3 % 33,3 %").and.not.include("33.3");
    const summary = textOf((await lecturer.agent.get(`${base}/summary`).expect(200)).text);
    expect(summary).to.include("Anna Kalniņa 33,3 %").and.include("100 → 50 → 33,3").and.not.include("33.3");
    const student = await launchAs(t, moodle, "learner", { sub: "5" }, "lv");
    const me = textOf((await student.agent.get(`/activities/${student.activityId}/me`).expect(200)).text);
    expect(me).to.include("33,3 %").and.not.include("33.3");
  });

  it("translates the Kind column of the Latvian tidy export (pasniedzējs, not lecturer)", async () => {
    const csv = await lecturer.agent.get(`${base}/export.csv?shape=tidy`).expect(200);
    const lines = csv.text.slice(1).trim().split("\r\n");
    expect(lines[0]).to.include(",Veids,");
    const anna = lines.filter((l) => l.startsWith("Anna Kalniņa,"));
    expect(anna).to.have.length(3);
    for (const l of anna) expect(l.split(",")[10]).to.equal("pasniedzējs");
  });

  it("names a missing column in Latvian in the Latvian imports of sessions and marks", async () => {
    const sessions = textOf(
      (await postForm(lecturer, `${base}/sessions/import`, { csv: "datums;beigas\n2025-11-05;10:00\n" }).expect(400))
        .text,
    );
    expect(sessions).to.include("1 sākums Trūkst obligātas kolonnas.").and.not.include(" start ");
    const marks = await lecturer.agent
      .post(`${base}/marks/import`)
      .field("_csrf", lecturer.csrf)
      .attach("file", Buffer.from("Moodle lietotāja ID;Datums;Statuss\n5;2025-10-01;P\n"), "atzimes.csv")
      .redirects(0)
      .expect(400);
    expect(textOf(marks.text)).to.include("1 Sākums Trūkst obligātas kolonnas.");
  });

  it("reports a binary file as not a CSV or XLSX file, in both imports", async () => {
    for (const path of [`${base}/sessions/import`, `${base}/marks/import`]) {
      const res = await lecturer.agent
        .post(path)
        .field("_csrf", lecturer.csrf)
        .attach("file", PNG, "bilde.csv")
        .redirects(0)
        .expect(400);
      expect(textOf(res.text), path).to.include("Šis nav CSV vai XLSX fails.");
    }
  });
});
