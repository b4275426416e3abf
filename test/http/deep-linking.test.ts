import { expect } from "chai";
import { eq } from "drizzle-orm";
import request from "supertest";
import { activities } from "../../src/db/schema.js";
import { readForm, textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";

describe(`Deep Linking from Moodle's "Select content" (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));

  async function openForm(agent: ReturnType<typeof request.agent>) {
    const launch = await launchTool(agent, moodle, { kind: "deeplink" });
    expect(launch.response.status, launch.response.text).to.equal(302);
    const session = await launch.follow();
    expect(session.status).to.equal(303);
    const path = session.headers.location as string;
    const page = await agent.get(path).expect(200);
    return { path, page };
  }

  it("creates a graded attendance activity that Moodle accepts and recognises on its first launch", async () => {
    const agent = request.agent(t.baseUrl);
    const { path, page } = await openForm(agent);
    expect(textOf(page.text)).to.include("New attendance activity");
    const csrf = readForm(page.text).fields._csrf;
    const answered = await agent
      .post(path)
      .type("form")
      .send({ _csrf: csrf, title: "Apmeklējuma uzskaite", gradebook: "on", scoreMaximum: "100" })
      .expect(200);
    const toMoodle = readForm(answered.text);
    expect(toMoodle.action).to.equal(moodle.deepLinkReturnUrl);
    const returned = await fetch(toMoodle.action, { method: "POST", body: new URLSearchParams(toMoodle.fields) });
    expect(returned.status, await returned.clone().text()).to.equal(200); // Moodle verified the signature with our JWKS
    const record = moodle.deepLinkResponses.at(-1);
    const item = record?.contentItems[0] as {
      title: string;
      url: string;
      custom: Record<string, string>;
      lineItem: { scoreMaximum: number };
    };
    expect(item.title).to.equal("Apmeklējuma uzskaite");
    expect(item.url).to.equal(`${t.baseUrl}/lti/launch`);
    expect(item.lineItem.scoreMaximum).to.equal(100);

    // The lecturer saves Moodle's form; Moodle makes the activity (instance id) and its grade item.
    const lineItem = moodle.saveDeepLinkedActivity(record);
    expect(lineItem).to.not.equal(undefined);
    const first = await launchTool(request.agent(t.baseUrl), moodle, {
      kind: "instructor",
      overrides: {
        [`${LTI}resource_link`]: { id: lineItem?.resourceLinkId, title: "Apmeklējuma uzskaite" },
        [`${LTI}custom`]: item.custom,
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
          scope: [
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
            "https://purl.imsglobal.org/spec/lti-ags/scope/score",
          ],
          lineitems: `${moodle.issuer}/mod/lti/services.php/2/lineitems?type_id=1`,
          lineitem: moodle.lineItemUrl(lineItem!),
        },
      },
    });
    const session = await first.follow();
    const id = Number(/\/activities\/(\d+)/.exec(session.headers.location as string)?.[1]);
    const [row] = await t.database.db.select().from(activities).where(eq(activities.id, id));
    expect(row).to.include({
      title: "Apmeklējuma uzskaite",
      resourceLinkId: lineItem?.resourceLinkId,
      hasGradeColumn: true,
      scoreMaximum: 100,
    });
    expect(row?.lineItemUrl).to.equal(moodle.lineItemUrl(lineItem!));
    expect(row?.linkKey).to.equal(item.custom.rollbook_activity);
  });

  it("uses the default title Apmeklējums and no grade column when the lecturer leaves them", async () => {
    const agent = request.agent(t.baseUrl);
    const { path, page } = await openForm(agent);
    const answered = await agent
      .post(path)
      .type("form")
      .send({ _csrf: readForm(page.text).fields._csrf, title: "", scoreMaximum: "100" })
      .expect(200);
    const returned = await fetch(moodle.deepLinkReturnUrl, {
      method: "POST",
      body: new URLSearchParams(readForm(answered.text).fields),
    });
    expect(returned.status).to.equal(200);
    const item = moodle.deepLinkResponses.at(-1)?.contentItems[0] as { title: string; lineItem?: unknown };
    expect(item.title).to.equal("Apmeklējums");
    expect(item.lineItem).to.equal(undefined);
  });

  it("lets only lecturers create activities", async () => {
    const agent = request.agent(t.baseUrl).set("Accept-Language", "en");
    const launch = await launchTool(agent, moodle, {
      kind: "deeplink",
      overrides: { [`${LTI}roles`]: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"] },
    });
    const session = await launch.follow();
    const res = await agent.get(session.headers.location as string);
    expect(res.status).to.equal(403);
    expect(textOf(res.text)).to.include("Only lecturers can add activities.");
  });
});
