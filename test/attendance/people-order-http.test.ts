import { expect } from "chai";
import { eq } from "drizzle-orm";
import { attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, postForm, type Launched } from "./launch.js";
import { binary } from "../planning/fixtures.js";
import { readXlsxRows } from "./xlsx.js";

/** Moodle's NRPS order is not ours to trust: the roster arrives shuffled. */
const SHUFFLED: [string, string][] = [
  ["Zane", "Zariņa"],
  ["Roberts", "Šmits"],
  ["Elīna", "Krūmiņa"],
  ["Gatis", "Žagars"],
  ["Madara", "Ūdre"],
  ["Katrīna", "Ābele"],
  ["Sanita", "Ķēniņa"],
  ["Pēteris", "Kļaviņš"],
  ["Ieva", "Bērziņa"],
  ["Aija", "Ābele"],
];
const EXPECTED = [
  "Aija Ābele",
  "Katrīna Ābele",
  "Ieva Bērziņa",
  "Pēteris Kļaviņš",
  "Elīna Krūmiņa",
  "Sanita Ķēniņa",
  "Roberts Šmits",
  "Madara Ūdre",
  "Zane Zariņa",
  "Gatis Žagars",
];

/** The names of EXPECTED in the order they first appear in a text. */
const orderIn = (text: string) =>
  EXPECTED.map((n) => [n, text.indexOf(n)] as const)
    .filter(([, i]) => i >= 0)
    .sort((a, b) => a[1] - b[1])
    .map(([n]) => n);

describe(`Latvian alphabetical order on pages and exports (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  let base: string;
  let register: string;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    for (let i = moodle.members.length - 1; i >= 0; i--)
      if (moodle.members[i]!.roles.includes("Learner")) moodle.members.splice(i, 1);
    moodle.members.reverse(); // not Moodle's order either
    SHUFFLED.forEach(([given_name, family_name], i) =>
      moodle.addMember({ user_id: String(200 + i), given_name, family_name }),
    );
    t.clock.set(new Date("2025-10-10T12:00:00Z"));
    lecturer = await launchAs(t, moodle, "instructor"); // the launch syncs the roster
    base = `/activities/${lecturer.activityId}`;
    await postForm(lecturer, `${base}/attendance/sessions`, {
      date: "2025-10-08",
      startTime: "09:00",
      endTime: "10:30",
      description: "Lekcija",
    }).expect(303);
    const [s] = await t.database.db.select().from(attendanceSessions);
    register = `${base}/attendance/sessions/${s!.id}`;
    const [p] = await t.database.db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, s!.setId));
    await postForm(lecturer, `${register}/unmarked`, { statusId: String(p!.id) }).expect(303);
  });
  after(() => t.clock.set(null));

  it("lists the register in Latvian order (Ā with A, Ķ after K, Š after S, Ž after Z)", async () => {
    expect(orderIn(textOf((await lecturer.agent.get(register).expect(200)).text))).to.deep.equal(EXPECTED);
  });

  it("writes the tidy export, CSV and XLSX, in the same order", async () => {
    const csv = await lecturer.agent.get(`${base}/attendance/export.csv?shape=tidy`).expect(200);
    const lines = csv.text.slice(1).trim().split("\r\n").slice(1);
    expect(lines.map((l) => l.split(",")[0])).to.deep.equal(EXPECTED);
    const xlsx = await lecturer.agent
      .get(`${base}/attendance/export.xlsx?shape=tidy`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const rows = await readXlsxRows(xlsx.body as Buffer);
    expect(rows.slice(1).map((r) => r[0])).to.deep.equal(EXPECTED);
  });

  it("shows the report, the wide export and the participants in the same order", async () => {
    expect(orderIn(textOf((await lecturer.agent.get(`${base}/attendance/report`).expect(200)).text))).to.deep.equal(
      EXPECTED,
    );
    const wide = await lecturer.agent.get(`${base}/attendance/export.csv?shape=wide`).expect(200);
    expect(orderIn(wide.text)).to.deep.equal(EXPECTED);
    expect(orderIn(textOf((await lecturer.agent.get(base).expect(200)).text))).to.deep.equal(EXPECTED);
  });
});
