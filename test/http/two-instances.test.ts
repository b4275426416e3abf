import { expect } from "chai";
import { CookieAccessInfo } from "cookiejar";
import { asc } from "drizzle-orm";
import request from "supertest";
import type { Agent } from "supertest";
import { openDatabase } from "../../src/db/client.js";
import { attendanceMarks, attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { addPlatform } from "../../src/registration/add-platform.js";
import { launchTool } from "../support/lti-platform-launch.js";
import { startTestPlatform, type TestPlatform } from "../support/lti-platform.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

/** 2025-10-01 09:00 Riga is 06:00Z. */
const at = (minutes: number) => new Date(Date.UTC(2025, 9, 1, 6, minutes));

/** The browser's cookies for 127.0.0.1, to send to the other instance (a load balancer sends them to either). */
const cookiesOf = (agent: Agent): string =>
  (agent as unknown as { jar: { getCookies(a: unknown): { toValueString(): string } } }).jar
    .getCookies(new CookieAccessInfo("127.0.0.1", "/", false))
    .toValueString();

/** Requests to `app` with the browser's cookies, keeping what it sets (a browser behind a load balancer). */
const on = (app: TestApp, agent: Agent) => {
  const keep = (r: request.Test) =>
    r
      .set("Cookie", cookiesOf(agent))
      .on("response", (res: unknown) => (agent as unknown as { _saveCookies(r: unknown): void })._saveCookies(res));
  return {
    get: (path: string) => keep(request(app.baseUrl).get(path)),
    post: (path: string) => keep(request(app.baseUrl).post(path)),
  };
};

/**
 * Two app instances on one PostgreSQL database, as two processes behind a load balancer: whatever one instance
 * knows (the platform registered, the browser's session, CSRF, the rotating code, the wrong-code count), the other
 * knows too, because none of it lives in memory.
 */
(TEST_DB_KIND === "postgres" ? describe : describe.skip)(
  `two app instances on one database (${TEST_DB_KIND})`,
  function () {
    this.timeout(120_000);
    let one: TestApp;
    let two: TestApp;
    let moodle: TestPlatform;

    before(async () => {
      one = await startTestApp();
      two = await startTestApp({}, { database: await openDatabase({ url: one.database.url!, poolSize: 10 }) });
      moodle = await startTestPlatform({ toolUrl: two.baseUrl }); // launches land on instance two
      await addPlatform(one.lti, {
        name: "Koledža",
        issuer: moodle.issuer,
        clientId: moodle.clientId,
        authEndpoint: moodle.authEndpoint,
        tokenEndpoint: moodle.tokenEndpoint,
        jwksUrl: moodle.jwksUrl,
        active: true,
      }); // registered through instance one
      for (const app of [one, two]) app.clock.set(at(-60));
    });
    after(async () => {
      await moodle?.close();
      await two?.close();
      await one?.close();
    });

    /** A launch through instance two; returns its agent and landing page. */
    const launch = async (kind: "instructor" | "learner", sub: string) => {
      const agent = request.agent(two.baseUrl);
      const l = await launchTool(agent, moodle, { kind, overrides: { sub } });
      expect(l.response.status, l.response.text).to.equal(302);
      const landed = await l.follow();
      expect(landed.status, landed.text).to.equal(303);
      return { agent, landing: landed.headers.location as string };
    };
    const csrfOn = async (app: TestApp, agent: Agent, path: string) => {
      const page = await on(app, agent).get(path).expect(200);
      return /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    };

    it("launches on one instance a platform registered on the other, and saves a register across both", async () => {
      const lecturer = await launch("instructor", "3");
      const activity = /^\/activities\/(\d+)/.exec(lecturer.landing)![1]!;
      const base = `/activities/${activity}/attendance/sessions`;
      // the page from instance two, the form posted to instance one: session and CSRF token are the database's
      const csrf = await csrfOn(two, lecturer.agent, `${base}/new`);
      await on(one, lecturer.agent)
        .post(base)
        .type("form")
        .send({ _csrf: csrf, date: "2025-10-01", startTime: "09:00", endTime: "10:30", description: "Lekcija" })
        .expect(303);
      const [session] = await one.database.db.select().from(attendanceSessions);
      const statuses = await one.database.db.select().from(attendanceStatuses);
      const absent = statuses.find((s) => s.acronym === "A")!;
      const csrf2 = await csrfOn(one, lecturer.agent, `${base}/${session!.id}`);
      await on(two, lecturer.agent)
        .post(`${base}/${session!.id}/marks`)
        .type("form")
        .send({ _csrf: csrf2, s_6: String(absent.id), o_6: "", r_6: "autobuss", or_6: "" })
        .expect(303);
      const shown = await on(one, lecturer.agent).get(`${base}/${session!.id}`).expect(200);
      expect(shown.text).to.contain('value="autobuss"');

      // check-in on: the rotating code shown by instance one is taken by instance two, and the other way round
      const csrf3 = await csrfOn(two, lecturer.agent, `/activities/${activity}/checkin/sessions/${session!.id}`);
      await on(one, lecturer.agent)
        .post(`/activities/${activity}/checkin/sessions/${session!.id}`)
        .type("form")
        .send({
          _csrf: csrf3,
          isEnabled: "on",
          opensMinutesBefore: "10",
          closes: "end",
          statusMode: "rules",
          method: "rotating_qr",
          stepSeconds: "30",
          password: "",
        })
        .expect(303);
      for (const app of [one, two]) app.clock.set(at(2));
      const projector = (app: TestApp) =>
        on(app, lecturer.agent)
          .get(`/activities/${activity}/checkin/sessions/${session!.id}/projector.json`)
          .set("Accept", "application/json")
          .expect(200)
          .then((r) => r.body as { code: string; url: string });
      const [shownOne, shownTwo] = [await projector(one), await projector(two)];
      expect(shownOne.code).to.equal(shownTwo.code);
      const student4 = await launch("learner", "4");
      const student5 = await launch("learner", "5");
      const scan = (app: TestApp, student: { agent: Agent }, url: string) =>
        on(app, student.agent).get(new URL(url).pathname);
      expect((await scan(two, student4, shownOne.url).expect(200)).text).to.contain("checked in");
      expect((await scan(one, student5, shownTwo.url).expect(200)).text).to.contain("checked in");
      const marks = await two.database.db.select().from(attendanceMarks).orderBy(asc(attendanceMarks.userId));
      expect(marks.map((m) => [m.userId, m.by])).to.deep.equal([
        ["4", "self"],
        ["5", "self"],
        ["6", "lecturer"],
      ]);
    });

    it("counts wrong codes across instances: the limit reached on one holds on the other", async () => {
      const lecturer = await launch("instructor", "3");
      const activity = /^\/activities\/(\d+)/.exec(lecturer.landing)![1]!;
      const [session] = await one.database.db.select().from(attendanceSessions);
      const csrf = await csrfOn(one, lecturer.agent, `/activities/${activity}/checkin/sessions/${session!.id}`);
      await on(two, lecturer.agent)
        .post(`/activities/${activity}/checkin/sessions/${session!.id}`)
        .type("form")
        .send({
          _csrf: csrf,
          isEnabled: "on",
          opensMinutesBefore: "10",
          closes: "end",
          statusMode: "rules",
          method: "password",
          stepSeconds: "30",
          password: "Saule7",
        })
        .expect(303);
      const student = await launch("learner", "7");
      const form = `/activities/${activity}/me/checkin/${session!.id}`;
      const csrf2 = await csrfOn(one, student.agent, form);
      const send = (app: TestApp, code: string) =>
        on(app, student.agent).post(form).type("form").send({ _csrf: csrf2, code });
      for (let i = 0; i < 5; i++) await send(i % 2 ? one : two, "nepareizi").expect(400);
      await send(one, "Saule7").expect(429);
      await send(two, "Saule7").expect(429);
    });
  },
);
