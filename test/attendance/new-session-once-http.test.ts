import { expect } from "chai";
import { attendanceSessions, formSubmissions } from "../../src/db/schema.js";
import { readForm, textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { agentCookies } from "../support/launch-cookies.js";
import { buildApp } from "../../src/app.js";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import request from "supertest";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, type Launched } from "./launch.js";

describe(`back + re-submit of the new-session form creates nothing twice (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  let form: { action: string; fields: Record<string, string> };
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    lecturer = await launchAs(t, moodle, "instructor");
    const page = await lecturer.agent.get(`/activities/${lecturer.activityId}/attendance/sessions/new`).expect(200);
    form = readForm(page.text);
  });
  const fill = () => ({
    _csrf: form.fields._csrf,
    formToken: form.fields.formToken,
    date: "2026-12-10",
    startTime: "09:00",
    endTime: "10:30",
    description: "Lekcija",
  });
  const sessions = () => t.database.db.select().from(attendanceSessions);

  it("carries a one-time token on the form", () => {
    expect(form.fields.formToken).to.match(/^[A-Za-z0-9_-]{20,}$/);
  });

  it("creates the session on the first post and nothing on the same form posted again, saying so", async () => {
    await lecturer.agent.post(form.action).type("form").send(fill()).expect(303);
    expect(await sessions()).to.have.length(1);
    const again = await lecturer.agent.post(form.action).type("form").send(fill()).expect(303);
    expect(await sessions()).to.have.length(1);
    const list = await lecturer.agent
      .get(again.headers.location as string)
      .set("Accept-Language", "en")
      .expect(200);
    expect(textOf(list.text)).to.include(
      "This form had already been sent, so the sessions were not created a second time.",
    );
  });

  it("holds across processes: the same form posted to a second web process on the same database creates nothing", async () => {
    const second = await buildApp({
      env: t.env,
      database: t.database,
      logger: pino({ level: "silent" }),
      encryptionKey: "test-encryption-key-0123456789-abcdefghij",
    });
    const server = createServer(second.app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const cookie = agentCookies(lecturer.agent)
        .map((c) => `${c.name}=${c.value}`)
        .join("; ");
      await request(url).post(form.action).set("Cookie", cookie).type("form").send(fill()).expect(303);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(await sessions()).to.have.length(1);
    expect(await t.database.db.select().from(formSubmissions)).to.have.length(1);
  });

  it("gives a refused form a fresh token, so the corrected form saves", async () => {
    const page = await lecturer.agent.get(`/activities/${lecturer.activityId}/attendance/sessions/new`).expect(200);
    const f = readForm(page.text);
    const bad = await lecturer.agent
      .post(f.action)
      .type("form")
      .send({
        _csrf: f.fields._csrf,
        formToken: f.fields.formToken,
        date: "2026-12-11",
        startTime: "09:00",
        endTime: "08:00",
      })
      .expect(400);
    const fixed = readForm(bad.text);
    expect(fixed.fields.formToken).to.match(/^[A-Za-z0-9_-]{20,}$/);
    await lecturer.agent
      .post(f.action)
      .type("form")
      .send({
        _csrf: fixed.fields._csrf,
        formToken: fixed.fields.formToken,
        date: "2026-12-11",
        startTime: "09:00",
        endTime: "10:00",
      })
      .expect(303);
    expect(await sessions()).to.have.length(2);
  });
});
