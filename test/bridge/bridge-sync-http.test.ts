import { expect } from "chai";
import { eq } from "drizzle-orm";
import request from "supertest";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import { courseGroups, courses, moodleConnections } from "../../src/db/schema.js";
import { readForm, textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { pino } from "pino";
import { sessionCalendarJob } from "../../src/jobs/session-calendar.js";
import {
  attendanceSessions,
  attendanceStatuses,
  moodleAttendanceSessionMap,
  moodleSessionCalendar,
  moodleSessionEvents,
} from "../../src/db/schema.js";
import { launchAs, postForm } from "../attendance/launch.js";
import { removeFromService, statefulAttendance, statefulCalendar, takenAttendance } from "./fake-moodle-helpers.js";

const en = { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale: "en" } };
const KEY = "test-encryption-key-0123456789-abcdefghij"; // startTestApp's

describe(`Moodle groups sync through a real launch (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let fake: FakeMoodle;
  withRegisteredApp((app) => ({ t, moodle } = app));
  beforeEach(async () => {
    fake = await startFakeMoodle();
  });
  afterEach(async () => {
    await fake.close();
    await t.database.db.delete(moodleConnections);
  });

  async function landAsLecturer() {
    const agent = request.agent(t.baseUrl);
    const launch = await launchTool(agent, moodle, { kind: "instructor", overrides: en });
    const session = await launch.follow();
    expect(session.status, session.text).to.equal(303);
    const activity = /^\/activities\/(\d+)/.exec(session.headers.location as string)?.[1];
    return { agent, base: `/activities/${activity}` };
  }

  async function connect() {
    const [course] = await t.database.db.select().from(courses).limit(1);
    await saveConnection(
      t.database.db,
      KEY,
      course!.platformId,
      { baseUrl: fake.baseUrl, token: fake.token },
      "2",
      new Date(),
    );
  }

  it("shows no Moodle box without a connection; the lecturer keeps making tool groups", async () => {
    const { agent, base } = await landAsLecturer();
    const page = textOf((await agent.get(`${base}/groups`).expect(200)).text);
    expect(page).not.to.include("Sync groups from Moodle");
    expect(page).to.include("Create");
  });

  it("syncs on the lecturer's button and shows the result; a missing function is named with where to add it", async () => {
    const { agent, base } = await landAsLecturer();
    await connect();
    const html = (await agent.get(`${base}/groups`).expect(200)).text;
    expect(textOf(html)).to.include("Groups have not been synced from Moodle yet.");
    const form = readForm(html, 0);
    expect(form.action).to.equal(`${base}/groups/sync`);
    const res = await agent.post(form.action).type("form").send(form.fields);
    expect(res.status, res.text).to.equal(303);
    const shown = textOf((await agent.get(res.headers.location as string).expect(200)).text);
    expect(shown).to.include("Synced: 2 groups from Moodle.");
    expect(shown).to.include("BVK-21");
    const rows = await t.database.db.select().from(courseGroups).where(eq(courseGroups.source, "moodle"));
    expect(rows.map((r) => r.name).sort()).to.deep.equal(["BVK-21", "BVK-22"]);

    removeFromService(fake, "core_group_get_group_members");
    const again = await agent.post(form.action).type("form").send(form.fields);
    const failed = textOf((await agent.get(again.headers.location as string).expect(200)).text);
    expect(failed).to.include("The last sync did not work; the groups were left as they were.");
    expect(failed).to.include("Moodle's external service lacks the function core_group_get_group_members.");
    expect(failed).to.include("Add functions: core_group_get_group_members");
  });

  it("shows each session's Moodle calendar state, follows a delete, and lets the lecturer retry a failure", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    await connect();
    const calendar = statefulCalendar(fake);
    const base = `/activities/${lecturer.activityId}/attendance/sessions`;
    const job = sessionCalendarJob({
      db: t.database.db,
      encryptionKey: KEY,
      logger: pino({ level: "silent" }),
      now: () => new Date(),
    });
    await postForm(lecturer, base, {
      date: "2026-12-01",
      startTime: "09:00",
      endTime: "10:30",
      description: "Kalendārs",
    }).expect(303);
    const [s] = await t.database.db
      .select()
      .from(attendanceSessions)
      .where(eq(attendanceSessions.description, "Kalendārs"));
    expect(textOf((await lecturer.agent.get(base).expect(200)).text)).to.include("Waiting for the Moodle calendar");
    await job.handle({ sessionId: s!.id });
    expect(textOf((await lecturer.agent.get(base).expect(200)).text)).to.include("In the Moodle calendar");
    expect(calendar.events.size).to.equal(1);

    fake.setResponse("core_calendar_delete_calendar_events", () => undefined);
    removeFromService(fake, "core_calendar_delete_calendar_events");
    await postForm(lecturer, `${base}/${s!.id}/edit`, {
      date: "2026-12-01",
      startTime: "11:00",
      endTime: "12:30",
      description: "Kalendārs",
    }).expect(303);
    await job.handle({ sessionId: s!.id });
    const failed = textOf((await lecturer.agent.get(base).expect(200)).text);
    expect(failed).to.include("Moodle calendar: failed");
    expect(failed).to.include("Moodle's external service lacks the function core_calendar_delete_calendar_events.");

    fake.serviceFunctions.add("core_calendar_delete_calendar_events");
    fake.clearResponses();
    statefulCalendar(fake).events = calendar.events;
    const retried = await postForm(lecturer, `${base}/${s!.id}/calendar-retry`, {}).expect(303);
    expect(textOf((await lecturer.agent.get(retried.headers.location as string).expect(200)).text)).to.include(
      "The session is queued for the Moodle calendar again.",
    );
    const [row] = await t.database.db
      .select()
      .from(moodleSessionCalendar)
      .where(eq(moodleSessionCalendar.sessionId, s!.id));
    expect(row?.status).to.equal("pending");

    await postForm(lecturer, `${base}/bulk`, { action: "delete", sessionIds: String(s!.id) }).expect(303);
    const [gone] = await t.database.db
      .select()
      .from(moodleSessionCalendar)
      .where(eq(moodleSessionCalendar.sessionId, s!.id));
    expect(gone?.status).to.equal("pending");
    expect(
      await t.database.db.select().from(moodleSessionEvents).where(eq(moodleSessionEvents.sessionId, s!.id)),
    ).to.have.length(1);
  });

  it("lets the lecturer tick students on the report and open the Moodle message page for them", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    await connect();
    const report = (await lecturer.agent.get(`/activities/${lecturer.activityId}/attendance/report`).expect(200)).text;
    expect(textOf(report)).to.include("Message selected");
    expect(report).to.include(
      `<form method="get" action="/activities/${lecturer.activityId}/messages" id="message-selected"`,
    );
    expect(report).to.match(/type="checkbox" name="to" value="4" form="message-selected"/);
    const page = await lecturer.agent.get(`/activities/${lecturer.activityId}/messages?to=4&to=5`).expect(200);
    const checked = [...page.text.matchAll(/<input[^>]*value="(\d+)"[^>]*checked/g)].map((m) => m[1]);
    expect(checked).to.deep.equal(["4", "5"]);
  });

  it("imports a mod_attendance activity after a preview, twice without duplicates, and says why when Moodle is down", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    await connect();
    takenAttendance(fake);
    const page = `/activities/${lecturer.activityId}/moodle-attendance/import`;
    const list = await lecturer.agent.get(page).expect(200);
    expect(list.text).to.include('<option value="1" >Apmeklējums</option>');
    const preview = textOf((await lecturer.agent.get(`${page}?attendance=1`).expect(200)).text);
    expect(preview).to.include("4 sessions and 3 marks will be imported");
    expect(preview).to.include("P Present: maps to a Rollbook status");
    const first = await postForm(lecturer, page, { attendance: "1" }).expect(303);
    expect(textOf((await lecturer.agent.get(first.headers.location as string).expect(200)).text)).to.include(
      "Imported: 4 new sessions, 0 updated, 3 marks written, 0 already as in Moodle.",
    );
    const second = await postForm(lecturer, page, { attendance: "1" }).expect(303);
    expect(textOf((await lecturer.agent.get(second.headers.location as string).expect(200)).text)).to.include(
      "Imported: 0 new sessions, 4 updated, 0 marks written, 3 already as in Moodle.",
    );
    const imported = await t.database.db
      .select()
      .from(attendanceSessions)
      .where(eq(attendanceSessions.activityId, lecturer.activityId));
    expect(imported.filter((s) => s.description.includes("Lietišķā sarakste"))).to.have.length(2);

    // The lecturer changes student 5 in Rollbook; Moodle changes every mark of session 1 to E ("8").
    const s1 = imported.find((s) => s.description === "1. nodarbība: Lietišķā sarakste (BVK-21)")!;
    const status = new Map(
      (await t.database.db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, s1.setId))).map((s) => [
        s.acronym,
        String(s.id),
      ]),
    );
    const register = `/activities/${lecturer.activityId}/attendance/sessions/${s1.id}`;
    await postForm(lecturer, `${register}/marks`, {
      s_5: status.get("A")!,
      o_5: status.get("L")!,
      r_5: "",
      or_5: "",
    }).expect(303);
    takenAttendance(fake, (list) =>
      list.map((s) =>
        s.id === 1
          ? { ...s, attendance_log: (s.attendance_log as { statusid: string }[]).map((l) => ({ ...l, statusid: "8" })) }
          : s,
      ),
    );
    const kept = textOf((await lecturer.agent.get(`${page}?attendance=1`).expect(200)).text);
    expect(kept).to.include("Changed in Rollbook since the last import, kept (1)");
    const third = await postForm(lecturer, page, { attendance: "1" }).expect(303);
    const thirdText = textOf((await lecturer.agent.get(third.headers.location as string).expect(200)).text);
    expect(thirdText).to.match(
      /2 marks written, 0 already as in Moodle\.\s*Changed in Rollbook since the last import, kept: 1 \(Anna Kalniņa\)/,
    );
    expect(textOf((await lecturer.agent.get(register).expect(200)).text)).to.include("Imported from Moodle (");
    expect(textOf((await lecturer.agent.get(`${register}/students/4/history`).expect(200)).text)).to.include(
      "Imported from Moodle (",
    );

    await fake.setPortClosed(true);
    const down = await postForm(lecturer, page, { attendance: "1" });
    expect(down.status).to.equal(502);
    expect(textOf(down.text)).to.include("Moodle could not be reached or did not answer in time.");
    await fake.setPortClosed(false);
  });

  it("exports sessions to a chosen mod_attendance activity, shows the result, and a second run changes nothing", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    await connect();
    statefulAttendance(fake);
    await postForm(lecturer, `/activities/${lecturer.activityId}/groups/sync`, {}).expect(303);
    const [group] = await t.database.db.select().from(courseGroups).where(eq(courseGroups.moodleGroupId, "1"));
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/sessions`, {
      date: "2026-12-09",
      startTime: "09:00",
      endTime: "10:30",
      description: "Eksports",
      groupIds: String(group!.id),
    }).expect(303);
    const page = `/activities/${lecturer.activityId}/moodle-attendance/export`;
    expect(textOf((await lecturer.agent.get(page).expect(200)).text)).to.include("Send to Moodle");
    await postForm(lecturer, page, { attendance: "1" }).expect(303);
    const shown = textOf((await lecturer.agent.get(page).expect(200)).text);
    expect(shown).to.include("Linked to: Apmeklējums");
    expect(shown).to.match(/Last run: [1-9]\d* sessions added/);
    const [s] = await t.database.db
      .select()
      .from(attendanceSessions)
      .where(eq(attendanceSessions.description, "Eksports"));
    expect(
      await t.database.db
        .select()
        .from(moodleAttendanceSessionMap)
        .where(eq(moodleAttendanceSessionMap.sessionId, s!.id)),
    ).to.have.length(1);
    await postForm(lecturer, page, { attendance: "1" }).expect(303);
    expect(textOf((await lecturer.agent.get(page).expect(200)).text)).to.include(
      "Last run: 0 sessions added, 0 removed, 0 marks sent",
    );

    await fake.setPortClosed(true);
    const down = await postForm(lecturer, page, { attendance: "1" });
    expect(down.status).to.equal(502);
    expect(textOf(down.text)).to.include("Moodle could not be reached or did not answer in time.");
    await fake.setPortClosed(false);
  });
});
