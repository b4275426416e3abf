import { expect } from "chai";
import request from "supertest";
import { activatePlatform } from "../../src/registration/activate-platform.js";
import { textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import { startTestPlatform, type TestPlatform } from "../support/lti-platform.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

async function register(t: TestApp, moodle: TestPlatform, token: string, lang = "lv") {
  return request(t.baseUrl)
    .get("/lti/register")
    .set("Accept-Language", lang)
    .query({ openid_configuration: moodle.openidConfigurationUrl, registration_token: token });
}

describe(`LTI Advantage Dynamic Registration with Moodle (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);

  describe("with auto-activation (the default)", () => {
    let t: TestApp;
    let moodle: TestPlatform;
    before(async () => {
      t = await startTestApp();
      moodle = await startTestPlatform({ toolUrl: t.baseUrl });
    });
    after(async () => {
      await moodle.close();
      await t.close();
    });

    it("registers with Moodle, is active at once, and a launch from the new tool works once Moodle activates it", async () => {
      const token = await moodle.makeRegistrationToken({ clientId: "dynRegClient01" });
      const res = await register(t, moodle, token);
      expect(res.status, res.text).to.equal(200);
      expect(textOf(res.text)).to.include("Rollbook ir reģistrēts");
      expect(res.text).to.include("/assets/lti-close.js");
      const sent = moodle.registrations.at(-1) as { request?: Record<string, unknown> } | undefined;
      expect(JSON.stringify(sent)).to.include(`${t.baseUrl}/lti/login`);
      const platform = (await t.lti.listPlatforms()).find((p) => p.clientId === "dynRegClient01");
      expect(platform?.active).to.equal(true);
      expect(platform?.issuer).to.equal(moodle.issuer);
      moodle.activateTool("dynRegClient01");
      const launch = await launchTool(request.agent(t.baseUrl), moodle, {
        kind: "instructor",
        clientId: "dynRegClient01",
      });
      expect(launch.response.status, launch.response.text).to.equal(302);
      const landed = await launch.follow();
      expect(landed.status).to.equal(303);
    });

    it("frames the registration page for the registering Moodle only (CSP frame-ancestors)", async () => {
      const res = await request(t.baseUrl)
        .get("/lti/register")
        .query({ openid_configuration: moodle.openidConfigurationUrl });
      expect(res.headers["content-security-policy"]).to.include(
        `frame-ancestors 'self' ${new URL(moodle.issuer).origin}`,
      );
    });

    it("explains a registration token Moodle already used, in the admin's language", async () => {
      const token = await moodle.makeRegistrationToken({ clientId: "dynRegClient02" });
      expect((await register(t, moodle, token)).status).to.equal(200);
      const again = await register(t, moodle, token, "en");
      expect(again.status).to.be.within(400, 599);
      expect(textOf(again.text)).to.include("The registration token was already used.");
    });

    it("explains a token Moodle refuses", async () => {
      const token = await moodle.makeRegistrationToken({ expiresIn: -10 });
      const res = await register(t, moodle, token, "en");
      expect(res.status).to.equal(502);
      expect(textOf(res.text)).to.include("Registration failed");
    });

    it("asks for Moodle's configuration address when it is missing", async () => {
      const res = await request(t.baseUrl).get("/lti/register").set("Accept-Language", "en");
      expect(res.status).to.equal(400);
      expect(textOf(res.text)).to.include("openid_configuration");
    });
  });

  describe("with auto-activation off", () => {
    let t: TestApp;
    let moodle: TestPlatform;
    before(async () => {
      t = await startTestApp({ DYNREG_AUTO_ACTIVATE: "false" });
      moodle = await startTestPlatform({ toolUrl: t.baseUrl });
    });
    after(async () => {
      await moodle.close();
      await t.close();
    });

    it("keeps the new platform pending until an admin activates it with the command", async () => {
      const token = await moodle.makeRegistrationToken({ clientId: "pendingClient" });
      const res = await register(t, moodle, token, "en");
      expect(res.status).to.equal(200);
      expect(textOf(res.text)).to.include("not yet active on Rollbook's side");
      moodle.activateTool("pendingClient");
      const refused = await request(t.baseUrl)
        .post("/lti/login")
        .type("form")
        .send({ ...moodle.prepareLaunch("instructor", undefined, "pendingClient") });
      expect(refused.status).to.equal(403);
      const activated = await activatePlatform(t.lti, moodle.issuer, true, "pendingClient");
      expect(activated.active).to.equal(true);
      const launch = await launchTool(request.agent(t.baseUrl), moodle, {
        kind: "instructor",
        clientId: "pendingClient",
      });
      expect(launch.response.status).to.equal(302);
    });
  });
});
