import { expect } from "chai";
import { eq } from "drizzle-orm";
import request from "supertest";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import { activities, courseMembers, courses } from "../../src/db/schema.js";
import type { Actor } from "../../src/lti/actor.js";
import { textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { markWeeks } from "./fixtures.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";
const DAY = 86_400_000;
const NOW = new Date("2026-11-02T12:00:00Z");
const unix = (d: Date) => Math.floor(d.getTime() / 1000);
const ASSIGN = ["mod_assign_get_assignments", "mod_assign_get_submissions"];

describe(`Moodle's signals on the at-risk list (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  let t: TestApp;
  let lti: TestPlatform;
  let fake: FakeMoodle;
  let platformId: string;
  let contextId: string;
  withRegisteredApp((app) => ({ t, moodle: lti } = app));

  async function listAs(locale: "lv" | "en") {
    const agent = request.agent(t.baseUrl);
    const overrides = { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale } };
    const launch = await launchTool(agent, lti, { kind: "instructor", overrides });
    const session = await launch.follow();
    const activityId = Number(/\/activities\/(\d+)/.exec(session.headers.location as string)![1]);
    const page = await agent.get(`/activities/${activityId}/followup`).expect(200);
    const row = /<tr data-user="zane">([\s\S]*?)<\/tr>/.exec(page.text)?.[1] ?? "";
    return { html: page.text, text: textOf(page.text), row: textOf(row) };
  }

  /** Moodle's answers, shaped as mod/assign/externallib.php and core_enrol_get_enrolled_users describe them. */
  function answerAs(lastAccess: Date | 0) {
    const me = fake.fixture("core_enrol_get_enrolled_users") as Record<string, unknown>[];
    fake.setResponse("core_enrol_get_enrolled_users", [
      ...me.slice(0, 1),
      {
        ...me[1],
        id: 301,
        fullname: "Zane Ābola",
        email: "Zane@Example.lv",
        lastcourseaccess: lastAccess ? unix(lastAccess) : 0,
      },
      { ...me[1], id: 302, fullname: "Pēteris Liepa", email: "peteris@example.lv", lastcourseaccess: unix(NOW) },
    ]);
    const assignment = (id: number, name: string, due: Date, extra = {}) => ({
      id,
      cmid: id + 100,
      course: Number(contextId),
      name,
      nosubmissions: 0,
      duedate: unix(due),
      allowsubmissionsfromdate: 0,
      cutoffdate: 0,
      ...extra,
    });
    fake.setResponse("mod_assign_get_assignments", {
      courses: [
        {
          id: Number(contextId),
          fullname: "Biznesa komunikācija",
          assignments: [
            assignment(1, "Eseja par komunikāciju", new Date(NOW.getTime() + 3 * DAY)),
            assignment(2, "Prezentācija", new Date(NOW.getTime() + 2 * DAY)),
            assignment(3, "Kursa darbs", new Date(NOW.getTime() + 10 * DAY)), // past the 7-day window
            assignment(4, "Klātienes diskusija", new Date(NOW.getTime() + DAY), { nosubmissions: 1 }),
            assignment(5, "Pagājušais tests", new Date(NOW.getTime() - DAY)),
          ],
        },
      ],
      warnings: [],
    });
    fake.setResponse("mod_assign_get_submissions", {
      assignments: [
        { assignmentid: 1, submissions: [{ id: 9, userid: 302, status: "submitted", timemodified: 0 }] },
        {
          assignmentid: 2,
          submissions: [
            { id: 10, userid: 302, status: "submitted", timemodified: 0 },
            { id: 11, userid: 301, status: "draft", timemodified: 0 },
          ],
        },
      ],
      warnings: [],
    });
  }

  before(async () => {
    fake = await startFakeMoodle();
    const db = t.database.db;
    const agent = request.agent(t.baseUrl);
    const session = await (await launchTool(agent, lti, { kind: "instructor" })).follow();
    const activityId = Number(/\/activities\/(\d+)/.exec(session.headers.location as string)![1]);
    const [activity] = await db.select().from(activities).where(eq(activities.id, activityId));
    const [course] = await db.select().from(courses).where(eq(courses.id, activity!.courseId));
    platformId = course!.platformId;
    contextId = course!.contextId;
    const courseId = course!.id;
    const student = (userId: string, name: string, email: string) => ({
      courseId,
      userId,
      name,
      familyName: name.split(" ")[1]!,
      givenName: name.split(" ")[0]!,
      isLearner: true,
      roles: ["Learner"],
      email,
    });
    await db
      .insert(courseMembers)
      .values([student("zane", "Zane Ābola", "zane@example.lv"), student("peteris", "Pēteris Liepa", "x@example.lv")]);
    const actor = { platformId, courseId, activityId, userId: "3", isLecturer: true, locale: "lv" } as Actor;
    await markWeeks(db, actor, activityId, new Date("2026-10-01T06:00:00Z"), 3, { absent: "zane", present: "peteris" });
    t.clock.set(NOW);
  });
  after(async () => {
    t.clock.set(null);
    await fake.close();
  });

  it("shows no Moodle columns on a platform without a web-service connection", async () => {
    const { text } = await listAs("en");
    expect(text).to.include("Zane Ābola");
    expect(text).not.to.include("Last opened the course in Moodle");
  });

  it("shows days since the course was opened and the assignments due in 7 days not submitted (English)", async () => {
    await saveConnection(t.database.db, KEY, platformId, { baseUrl: fake.baseUrl, token: fake.token }, "2", NOW);
    for (const f of ASSIGN) fake.serviceFunctions.add(f);
    answerAs(new Date(NOW.getTime() - 9 * DAY));
    const { text, row } = await listAs("en");
    expect(text).to.include("Last opened the course in Moodle");
    expect(text).to.include("Not submitted (7 days)");
    expect(row).to.include("9 days ago");
    // matched by email (any case); soonest first; a draft is not a submission; outside the window, no-submission and past ones left out
    expect(row).to.match(/\b2\s*:\s*Prezentācija \(4 Nov\); Eseja par komunikāciju \(5 Nov\)/);
    expect(row).not.to.match(/Kursa darbs|Klātienes diskusija|Pagājušais tests/);
    const asked = fake.calls.filter((c) => c.wsfunction === "mod_assign_get_submissions").at(-1)!;
    expect(asked.params).to.deep.equal({ assignmentids: ["1", "2"] });
  });

  it("writes the days in Latvian grammar: pirms 21 dienas, pirms 11 dienām, šodien, nekad", async () => {
    for (const [ago, words] of [
      [21, "pirms 21 dienas"],
      [11, "pirms 11 dienām"],
      [2, "pirms 2 dienām"],
    ] as const) {
      answerAs(new Date(NOW.getTime() - ago * DAY));
      expect((await listAs("lv")).row).to.include(words);
    }
    answerAs(new Date(NOW.getTime() - 3_600_000));
    expect((await listAs("lv")).row).to.include("šodien");
    answerAs(0);
    const { row, text } = await listAs("lv");
    expect(row).to.include("nekad");
    expect(text).to.include("Neiesniegti darbi (7 d.)");
  });

  it("names the missing assignment functions of a service that lacks them, and still shows the access days", async () => {
    answerAs(new Date(NOW.getTime() - 9 * DAY));
    for (const f of ASSIGN) {
      fake.serviceFunctions.delete(f);
      fake.setResponse(f, () => undefined); // to the recordings' path: the real accessexception
    }
    const { text, row } = await listAs("lv");
    expect(text).to.include("Moodle ārējam servisam trūkst funkcijas mod_assign_get_assignments");
    expect(text).not.to.include("Neiesniegti darbi (7 d.)");
    expect(row).to.include("pirms 9 dienām");
  });

  it("says Moodle did not answer when it is down, and the list still opens", async () => {
    fake.simulate.htmlErrorPage = 503;
    try {
      const { text, row } = await listAs("en");
      expect(text).to.include("Moodle did not answer for 1 course; its students have no Moodle figures here.");
      expect(row).to.include("Zane Ābola");
    } finally {
      fake.simulate.htmlErrorPage = false;
    }
  });
});
