import { expect } from "chai";
import { eq } from "drizzle-orm";
import request from "supertest";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { moodleConnections, moodleMessageRecipients } from "../../src/db/schema.js";
import { readForm, textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { answerMessages, callsOf, removeFromService } from "./fake-moodle-helpers.js";

const en = { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale: "en" } };

describe(`Moodle bridge pages through a real launch (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let fake: FakeMoodle;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    fake = await startFakeMoodle();
  });
  after(async () => {
    await fake.close();
  });

  async function landOn(kind: "instructor" | "learner" | "admin") {
    const agent = request.agent(t.baseUrl);
    const launch = await launchTool(agent, moodle, { kind, overrides: en });
    expect(launch.response.status, launch.response.text).to.equal(302);
    const session = await launch.follow();
    expect(session.status, session.text).to.equal(303);
    const activity = /^\/activities\/(\d+)/.exec(session.headers.location as string)?.[1];
    return { agent, base: `/activities/${activity}` };
  }

  async function post(
    agent: request.Agent,
    page: string,
    formIndex: number,
    fields: Record<string, string | string[]>,
  ) {
    const html = (await agent.get(page).expect(200)).text;
    const form = readForm(html, formIndex);
    return agent
      .post(form.action)
      .type("form")
      .send({ ...form.fields, ...fields });
  }

  it("refuses the connection page to a lecturer with 403", async () => {
    const { agent, base } = await landOn("instructor");
    const res = await agent.get(`${base}/admin/moodle`);
    expect(res.status).to.equal(403);
    expect(textOf(res.text)).to.include("Only a Moodle site administrator can manage the Moodle connection.");
  });

  it("lets an admin save the URL and token, never shows the token back, and checks the connection", async () => {
    const { agent, base } = await landOn("admin");
    const page = `${base}/admin/moodle`;
    expect(textOf((await agent.get(page).expect(200)).text)).to.include("Not connected yet.");

    const bad = await post(agent, page, 0, { baseUrl: "moodle.example", token: fake.token });
    expect(bad.status).to.equal(400);
    expect(textOf(bad.text)).to.include("Enter a full address starting with https://");
    expect(bad.text).to.include('value="moodle.example"');
    expect(bad.text).not.to.include(fake.token);

    const saved = await post(agent, page, 0, { baseUrl: fake.baseUrl, token: fake.token });
    expect(saved.status).to.equal(303);
    const shown = await agent.get(saved.headers.location as string).expect(200);
    expect(shown.text).not.to.include(fake.token);
    expect(textOf(shown.text)).to.include("Saved. Check the connection");
    expect(textOf(shown.text)).to.include(`••••${fake.token.slice(-4)}`);
    const [row] = await t.database.db.select().from(moodleConnections);
    expect(row?.baseUrl).to.equal(fake.baseUrl);
    expect(row?.tokenSealed).not.to.include(fake.token);

    const checked = await post(agent, page, 1, {});
    expect(checked.status).to.equal(303);
    const report = textOf((await agent.get(checked.headers.location as string).expect(200)).text);
    expect(report).to.include("The connection works: all 25 functions Rollbook needs are in the service.");
    expect(report).to.include("Connected to Lab Moodle");
  });

  it("shows the admin which function to add when one is missing from the service", async () => {
    const { agent, base } = await landOn("admin");
    removeFromService(fake, "core_message_send_instant_messages");
    try {
      const checked = await post(agent, `${base}/admin/moodle`, 1, {});
      const report = textOf((await agent.get(checked.headers.location as string).expect(200)).text);
      expect(report).to.include(
        "The external service lacks 1 function Rollbook needs: core_message_send_instant_messages.",
      );
    } finally {
      fake.serviceFunctions.add("core_message_send_instant_messages");
      fake.clearResponses();
    }
  });

  it("lets a lecturer pick students and message them through Moodle, once per submitted form", async () => {
    answerMessages(fake, new Set([6]));
    const { agent, base } = await landOn("instructor");
    const form = textOf((await agent.get(`${base}/messages?to=4`).expect(200)).text);
    expect(form).to.include("Elīna Krūmiņa");
    const html = (await agent.get(`${base}/messages`).expect(200)).text;
    const fields = { ...readForm(html, 0).fields, userIds: ["4", "6"], text: "Rīt nodarbība 10:15." };
    const sent = await agent.post(`${base}/messages`).type("form").send(fields);
    expect(sent.status, sent.text).to.equal(303);
    const result = textOf((await agent.get(sent.headers.location as string).expect(200)).text);
    expect(result).to.include("Sent to 1 of 2. Moodle refused 1 message.");
    expect(result).to.include("You cannot send a message to a user ID (6)");
    const again = await agent.post(`${base}/messages`).type("form").send(fields);
    expect(again.headers.location).to.equal(sent.headers.location);
    expect(callsOf(fake, "core_message_send_instant_messages")).to.have.length(1);
    const rows = await t.database.db
      .select()
      .from(moodleMessageRecipients)
      .where(eq(moodleMessageRecipients.userId, "6"));
    expect(rows.map((r) => r.status)).to.deep.equal(["refused"]);
  });

  it("re-renders the message form with what was typed when no student is chosen", async () => {
    const { agent, base } = await landOn("instructor");
    const { fields } = readForm((await agent.get(`${base}/messages`).expect(200)).text, 0);
    const res = await agent
      .post(`${base}/messages`)
      .type("form")
      .send({ _csrf: fields._csrf, requestId: fields.requestId, text: "Sveiki!" });
    expect(res.status).to.equal(400);
    expect(textOf(res.text)).to.include("Choose at least one student.");
    expect(res.text).to.include("Sveiki!");
  });

  it("refuses the message page to a student", async () => {
    const { agent, base } = await landOn("learner");
    const res = await agent.get(`${base}/messages`);
    expect(res.status).to.equal(403);
    expect(textOf(res.text)).to.include("Only lecturers can send messages to students.");
  });
});
