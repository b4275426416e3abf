import { expect } from "chai";
import { and, eq } from "drizzle-orm";
import {
  attendanceSessionGroups,
  checkinAttempts,
  checkinPending,
  courseGroupMembers,
  courseGroups,
} from "../../src/db/schema.js";
import type { Launched } from "../attendance/launch.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestPlatform } from "../support/lti-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import {
  at,
  freshPhone,
  launchAs,
  marksOf,
  pathOf,
  postForm,
  projector,
  sessionWithCheckin,
  signInThroughMoodle,
} from "./http-helpers.js";

describe(`self check-in over HTTP (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    t.clock.set(at(-30));
    lecturer = await launchAs(t, moodle, "instructor");
  });
  afterEach(() => t.clock.set(at(-30)));

  it("checks in a signed-in student from the scanned link with a clear confirmation; a second scan changes nothing", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer);
    const student = await launchAs(t, moodle, "learner", { sub: "5" });
    t.clock.set(at(2));
    const p = await projector(lecturer, sessionId);
    expect(p).to.include({ state: "open", count: 0 });
    expect(p.qrSvg).to.match(/^<svg/);
    expect(p.code).to.match(/^\d{6}$/);
    const first = await student.agent.get(pathOf(p.url)).expect(200);
    expect(first.text).to.contain("You are checked in").and.contain("P · Present").and.contain("01.10.2025 09:00");
    const second = await student.agent.get(pathOf(p.url)).expect(200);
    expect(second.text).to.contain("You are already checked in");
    expect((await marksOf(t, sessionId)).map((m) => [m.userId, m.by])).to.deep.equal([["5", "self"]]);
    expect((await projector(lecturer, sessionId)).count).to.equal(1);
    const register = await lecturer.agent
      .get(`/activities/${lecturer.activityId}/attendance/sessions/${sessionId}`)
      .expect(200);
    expect(register.text).to.match(/self check-in \d\d:\d\d:\d\d · [0-9a-f:.]+ · device \S{8}/);
    const log = await lecturer.agent
      .get(`/activities/${lecturer.activityId}/checkin/sessions/${sessionId}`)
      .expect(200);
    expect(log.text).to.contain("accepted").and.contain("already checked in");
  });

  it("sends a signed-out phone through Moodle and completes the check-in on the launch, with the status of the scan time", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer);
    t.clock.set(at(14, 55));
    const p = await projector(lecturer, sessionId);
    const phone = freshPhone(t);
    const scan = await phone.get(pathOf(p.url)).redirects(0).expect(303);
    expect(scan.headers.location).to.equal(`${moodle.issuer}/mod/lti/view.php?l=1`);
    t.clock.set(at(17)); // the Moodle login took two minutes: the code has long changed, the scan still counts
    const landing = await signInThroughMoodle(phone, moodle, "6");
    expect(landing.headers.location).to.match(/^\/activities\/\d+\/checkin\/pending$/);
    const done = await phone.get(landing.headers.location as string).expect(200);
    expect(done.text).to.contain("You are checked in").and.contain("P · Present");
    expect((await marksOf(t, sessionId)).map((m) => m.userId)).to.deep.equal(["6"]);
    expect(await t.database.db.select().from(checkinPending)).to.have.length(0);
  });

  it("refuses a tampered link, an expired code, a closed window and a code before opening, writing no mark", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer);
    const student = await launchAs(t, moodle, "learner", { sub: "7" });
    t.clock.set(at(-20));
    const before = await projector(lecturer, sessionId);
    expect(before.state).to.equal("not_yet_open");
    t.clock.set(at(1));
    const p = await projector(lecturer, sessionId);
    const other = (code: string) => Buffer.from(code === "000000" ? "111111" : "000000").toString("base64url");
    const tampered = p.url.replace(
      /\/c\/(\d+)\.([\w-]+)\./,
      (_m, s: string, c: string) => `/c/${s}.${other(Buffer.from(c, "base64url").toString())}.`,
    );
    expect(tampered).to.not.equal(p.url);
    const bad = await student.agent.get(pathOf(tampered)).expect(400);
    expect(bad.text).to.contain("This check-in link is not valid"); // the student's launch language
    const badPhone = await freshPhone(t).get(pathOf(tampered)).expect(400);
    expect(badPhone.text).to.contain("Šī reģistrēšanās saite nav derīga"); // no launch: the browser's language (Latvian by default)
    await freshPhone(t).get("/c/not-a-link").expect(400);
    const tamperedLog = await t.database.db
      .select()
      .from(checkinAttempts)
      .where(and(eq(checkinAttempts.sessionId, sessionId), eq(checkinAttempts.reason, "tampered")));
    expect(tamperedLog.map((a) => [a.userId, a.outcome, a.via])).to.have.deep.members([
      ["7", "refused", "link"],
      [null, "refused", "link"],
    ]);
    t.clock.set(at(1, 30));
    const late = await student.agent.get(pathOf(p.url)).expect(400);
    expect(late.text).to.contain("This code has expired");
    const phone = await freshPhone(t).get(pathOf(p.url)).set("accept-language", "en").expect(400);
    expect(phone.text).to.contain("This code has expired");
    await postForm(lecturer, `/activities/${lecturer.activityId}/checkin/sessions/${sessionId}/close`, {}).expect(303);
    const fresh = await projector(lecturer, sessionId);
    expect(fresh).to.include({ state: "closed", code: "" });
    const closed = await student.agent.get(pathOf((await reopenAndGet()).url)).expect(409);
    expect(closed.text).to.contain("Check-in for this session is closed");
    expect(await marksOf(t, sessionId)).to.have.length(0);
    const reasons = (
      await t.database.db.select().from(checkinAttempts).where(eq(checkinAttempts.sessionId, sessionId))
    ).map((a) => a.reason);
    expect(reasons).to.include.members(["expired_code", "closed"]);

    async function reopenAndGet() {
      await postForm(lecturer, `/activities/${lecturer.activityId}/checkin/sessions/${sessionId}/reopen`, {}).expect(
        303,
      );
      const open = await projector(lecturer, sessionId);
      await postForm(lecturer, `/activities/${lecturer.activityId}/checkin/sessions/${sessionId}/close`, {}).expect(
        303,
      );
      return open;
    }
  });

  it("takes a typed password from the student's page, refuses wrong ones, another session's, and rate-limits them", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer, { method: "password", password: "Ruden1s" });
    const other = await sessionWithCheckin(t, lecturer, {
      method: "password",
      password: "ziema22",
      description: "Cita",
    });
    const student = await launchAs(t, moodle, "learner", { sub: "8" });
    t.clock.set(at(3));
    const me = await student.agent.get(`/activities/${student.activityId}/me`).expect(200);
    expect(me.text).to.contain(`/me/checkin/${sessionId}`).and.contain("Check in");
    const form = `/activities/${student.activityId}/me/checkin/${sessionId}`;
    const page = await student.agent.get(form).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const send = (code: string) => student.agent.post(form).type("form").send({ _csrf: csrf, code });
    expect((await send("ziema22").expect(400)).text).to.contain("That code belongs to another session");
    for (let i = 0; i < 4; i++) expect((await send("nepareizi").expect(400)).text).to.contain("That code is not right");
    expect((await send("ruden1s").expect(200)).text).to.contain("You are checked in");
    const another = await launchAs(t, moodle, "learner", { sub: "9" }, "lv");
    const form2 = `/activities/${another.activityId}/me/checkin/${other}`;
    const csrf2 = /name="_csrf" value="([^"]+)"/.exec((await another.agent.get(form2).expect(200)).text)![1]!;
    for (let i = 0; i < 5; i++)
      await another.agent.post(form2).type("form").send({ _csrf: csrf2, code: "xxx" }).expect(400);
    const limited = await another.agent.post(form2).type("form").send({ _csrf: csrf2, code: "ziema22" }).expect(429);
    expect(limited.text).to.contain("Pārāk daudz nepareizu kodu");
    expect((await marksOf(t, sessionId)).map((m) => m.userId)).to.deep.equal(["8"]);
    expect(await marksOf(t, other)).to.have.length(0);
  });

  it("refuses a student outside the session's group and a second student on the same phone", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer, { method: "static_qr", password: "STATIC1" });
    await postForm(lecturer, `/activities/${lecturer.activityId}/checkin/options`, {
      allowedIpRanges: "",
      isOneDevicePerSession: "on",
    }).expect(303);
    const db = t.database.db;
    const student4 = await launchAs(t, moodle, "learner", { sub: "4" });
    const student5 = await launchAs(t, moodle, "learner", { sub: "5" });
    t.clock.set(at(2));
    const url = pathOf((await projector(lecturer, sessionId)).url);
    const phone = freshPhone(t);
    await signInThroughMoodle(phone, moodle, "4");
    expect((await phone.get(url).expect(200)).text).to.contain("You are checked in");
    t.clock.set(at(3)); // the newest launch of a browser is its actor: give it a later time than the first
    await signInThroughMoodle(phone, moodle, "5");
    const wrong = await phone.get(url).expect(403);
    expect(wrong.text).to.contain("This phone has already checked in another student");
    expect((await student5.agent.get(url).expect(200)).text).to.contain("You are checked in");
    const [group] = await db
      .insert(courseGroups)
      .values({ courseId: (await courseOf()).courseId, name: "A1" })
      .returning();
    await db.insert(courseGroupMembers).values({ groupId: group!.id, courseId: group!.courseId, userId: "5" });
    const groupSession = await sessionWithCheckin(t, lecturer, { method: "static_qr", password: "GRUPA" });
    await db.insert(attendanceSessionGroups).values({ sessionId: groupSession, groupId: group!.id });
    const groupUrl = pathOf((await projector(lecturer, groupSession)).url);
    expect((await student4.agent.get(groupUrl).expect(403)).text).to.contain("This session is for another group");
    expect((await marksOf(t, sessionId)).map((m) => m.userId).sort()).to.deep.equal(["4", "5"]);
    expect(await marksOf(t, groupSession)).to.have.length(0);
  });

  it("keeps check-in settings to lecturers and re-renders a bad form with its messages and what was typed", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer, { method: "password", password: "pw1" });
    const student = await launchAs(t, moodle, "learner", { sub: "9" });
    await student.agent.get(`/activities/${student.activityId}/checkin/sessions/${sessionId}`).expect(403);
    await student.agent
      .get(`/activities/${student.activityId}/checkin/sessions/${sessionId}/projector.json`)
      .expect(403);
    const bad = await postForm(lecturer, `/activities/${lecturer.activityId}/checkin/sessions/${sessionId}`, {
      isEnabled: "on",
      opensMinutesBefore: "lots",
      closes: "after_start",
      closesMinutesAfterStart: "0",
      statusMode: "rules",
      method: "password",
      stepSeconds: "10",
      password: "typed-by-me",
    }).expect(400);
    expect(bad.text).to.contain("Enter a whole number.").and.contain('value="typed-by-me"');
    const range = await postForm(lecturer, `/activities/${lecturer.activityId}/checkin/sessions/${sessionId}`, {
      isEnabled: "on",
      opensMinutesBefore: "10",
      closes: "after_start",
      closesMinutesAfterStart: "0",
      statusMode: "rules",
      method: "password",
      stepSeconds: "10",
      password: "",
    }).expect(400);
    expect(range.text).to.contain("This number is out of range.");
    const ranges = await postForm(lecturer, `/activities/${lecturer.activityId}/checkin/options`, {
      allowedIpRanges: "campus wifi",
    }).expect(400);
    expect(ranges.text).to.contain("Write IP addresses or ranges").and.contain("campus wifi");
  });

  async function courseOf() {
    const { activities } = await import("../../src/db/schema.js");
    const [a] = await t.database.db.select().from(activities).where(eq(activities.id, lecturer.activityId));
    return a!;
  }
});
