import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import request from "supertest";
import { activatePlatform } from "../../src/registration/activate-platform.js";
import { createRegistrationLink } from "../../src/registration/registration-links.js";
import { textOf } from "../support/html.js";
import { launchTool } from "../support/lti-platform-launch.js";
import { startTestPlatform, type TestPlatform } from "../support/lti-platform.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

async function register(t: TestApp, moodle: TestPlatform, token: string, lang = "lv", key?: string) {
  return request(t.baseUrl)
    .get("/lti/register")
    .set("Accept-Language", lang)
    .query({ ...(key ? { key } : {}), openid_configuration: moodle.openidConfigurationUrl, registration_token: token });
}

/** A loopback server the prober controls: counts what it is asked and answers with `answer`. */
async function probeServer(answer: (url: string) => { status: number; body: string }) {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? "");
    const a = answer(req.url ?? "");
    res.writeHead(a.status, { "content-type": "application/json" }).end(a.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe(`LTI Advantage Dynamic Registration with Moodle (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);

  describe("with neither a link nor an allow-list (the default)", () => {
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

    it("keeps an unauthenticated registration pending until the operator activates it", async () => {
      const token = await moodle.makeRegistrationToken({ clientId: "strangerClient" });
      const res = await register(t, moodle, token, "en");
      expect(res.status, res.text).to.equal(200);
      expect(textOf(res.text)).to.include("not yet active on Rollbook's side");
      const platform = (await t.lti.listPlatforms()).find((p) => p.clientId === "strangerClient");
      expect(platform?.active).to.equal(false);
      moodle.activateTool("strangerClient");
      const refused = await request(t.baseUrl)
        .post("/lti/login")
        .type("form")
        .send({ ...moodle.prepareLaunch("instructor", undefined, "strangerClient") });
      expect(refused.status).to.equal(403);
      expect((await activatePlatform(t.lti, moodle.issuer, true, "strangerClient")).active).to.equal(true);
      const launch = await launchTool(request.agent(t.baseUrl), moodle, {
        kind: "instructor",
        clientId: "strangerClient",
      });
      expect(launch.response.status).to.equal(302);
    });

    it("registers an active platform with a one-time link from the CLI, and refuses the link a second time", async () => {
      const link = await createRegistrationLink(t.database.db, { hours: 1 }, new Date());
      const token = await moodle.makeRegistrationToken({ clientId: "dynRegClient01" });
      const res = await register(t, moodle, token, "lv", link.key);
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
      expect((await launch.follow()).status).to.equal(303);

      const before = moodle.registrations.length;
      const again = await register(t, moodle, await moodle.makeRegistrationToken({ clientId: "x2" }), "en", link.key);
      expect(again.status).to.equal(403);
      expect(textOf(again.text)).to.include("This registration link is not valid");
      expect(moodle.registrations.length).to.equal(before);
    });

    it("gives a link back when Moodle refuses, and explains Moodle's known refusals in the admin's language", async () => {
      const link = await createRegistrationLink(t.database.db, { hours: 1 }, new Date());
      const token = await moodle.makeRegistrationToken({ clientId: "dynRegClient02" });
      expect((await register(t, moodle, token, "lv", link.key)).status).to.equal(200);
      const second = await createRegistrationLink(t.database.db, { hours: 1 }, new Date());
      const used = await register(t, moodle, token, "en", second.key);
      expect(used.status).to.equal(502);
      expect(textOf(used.text)).to.include("The registration token was already used.");
      const fresh = await moodle.makeRegistrationToken({ clientId: "dynRegClient03" });
      expect((await register(t, moodle, fresh, "en", second.key)).status).to.equal(200);
    });

    it("refuses an expired link before fetching anything", async () => {
      const link = await createRegistrationLink(t.database.db, { hours: 1 }, new Date(Date.now() - 2 * 3600_000));
      const probe = await probeServer(() => ({ status: 200, body: "{}" }));
      try {
        const res = await request(t.baseUrl)
          .get("/lti/register")
          .query({ key: link.key, openid_configuration: `${probe.base}/mod/lti/openid-configuration.php` });
        expect(res.status).to.equal(403);
        expect(probe.seen).to.deep.equal([]);
      } finally {
        await probe.close();
      }
    });

    it("explains a token Moodle refuses without echoing Moodle's page", async () => {
      const token = await moodle.makeRegistrationToken({ expiresIn: -10 });
      const res = await register(t, moodle, token, "en");
      expect(res.status).to.equal(502);
      expect(textOf(res.text)).to.include("Registration failed");
      expect(textOf(res.text)).to.not.include("Expired token");
    });

    it("never fetches a plain-http address that is not loopback", async () => {
      const res = await request(t.baseUrl)
        .get("/lti/register")
        .set("Accept-Language", "en")
        .query({ openid_configuration: "http://10.0.0.7/mod/lti/openid-configuration.php" });
      expect(res.status).to.equal(400);
      expect(textOf(res.text)).to.include("must be an https:// address");
    });

    it("shows a fixed message, not the fetch error, for an address that does not answer or answers junk", async () => {
      const probe = await probeServer(() => ({ status: 200, body: "SECRET-INTERNAL-PAGE not json" }));
      await probe.close(); // nothing listens there any more
      const refused = await request(t.baseUrl)
        .get("/lti/register")
        .set("Accept-Language", "en")
        .query({ openid_configuration: `${probe.base}/x` });
      expect(refused.status).to.equal(502);
      expect(textOf(refused.text)).to.include("could not reach Moodle");
      expect(refused.text).to.not.match(/ECONNREFUSED|fetch failed/);

      const junk = await probeServer(() => ({ status: 200, body: "SECRET-INTERNAL-PAGE not json" }));
      try {
        const res = await request(t.baseUrl)
          .get("/lti/register")
          .set("Accept-Language", "lv")
          .query({ openid_configuration: `${junk.base}/admin` });
        expect(res.status).to.equal(502);
        expect(textOf(res.text)).to.include("Moodle konfigurāciju neizdevās nolasīt");
        expect(res.text).to.not.match(/SECRET-INTERNAL-PAGE|Unexpected token|JSON/);
      } finally {
        await junk.close();
      }
    });

    it("refuses a configuration whose issuer or endpoints are on another host, before posting anything", async () => {
      const before = moodle.registrations.length;
      const probe = await probeServer(() => ({
        status: 200,
        body: JSON.stringify({
          issuer: moodle.issuer, // another port: another host
          registration_endpoint: moodle.registrationEndpoint,
          authorization_endpoint: moodle.authEndpoint,
          token_endpoint: moodle.tokenEndpoint,
          jwks_uri: moodle.jwksUrl,
        }),
      }));
      try {
        const res = await request(t.baseUrl)
          .get("/lti/register")
          .set("Accept-Language", "en")
          .query({ openid_configuration: `${probe.base}/mod/lti/openid-configuration.php` });
        expect(res.status).to.equal(502);
        expect(textOf(res.text)).to.include("points to a server other than the Moodle site");
        expect(moodle.registrations.length).to.equal(before);
      } finally {
        await probe.close();
      }
    });

    it("frames the registration page for the registering Moodle only (CSP frame-ancestors)", async () => {
      const res = await request(t.baseUrl)
        .get("/lti/register")
        .query({ openid_configuration: moodle.openidConfigurationUrl });
      expect(res.headers["content-security-policy"]).to.include(
        `frame-ancestors 'self' ${new URL(moodle.issuer).origin}`,
      );
    });

    it("asks for Moodle's configuration address when it is missing", async () => {
      const res = await request(t.baseUrl).get("/lti/register").set("Accept-Language", "en");
      expect(res.status).to.equal(400);
      expect(textOf(res.text)).to.include("openid_configuration");
    });
  });

  describe("with an allow-list of Moodle hosts", () => {
    let t: TestApp;
    let moodle: TestPlatform;
    before(async () => {
      t = await startTestApp({ DYNREG_ALLOWED_HOSTS: "moodle.example.lv, 127.0.0.1:1" });
      moodle = await startTestPlatform({ toolUrl: t.baseUrl });
    });
    after(async () => {
      await moodle.close();
      await t.close();
    });

    it("refuses a host not on the list without fetching its address", async () => {
      const probe = await probeServer(() => ({ status: 200, body: "{}" }));
      try {
        const res = await request(t.baseUrl)
          .get("/lti/register")
          .set("Accept-Language", "en")
          .query({ openid_configuration: `${probe.base}/mod/lti/openid-configuration.php`, registration_token: "x" });
        expect(res.status).to.equal(403);
        expect(textOf(res.text)).to.include("This Moodle site may not register.");
        expect(probe.seen).to.deep.equal([]);
        expect(await t.lti.listPlatforms()).to.have.length(0);
      } finally {
        await probe.close();
      }
    });
  });

  describe("with the Moodle host allow-listed", () => {
    let t: TestApp;
    let moodle: TestPlatform;
    before(async () => {
      t = await startTestApp({ DYNREG_ALLOWED_HOSTS: "moodle.example.lv,127.0.0.1" });
      moodle = await startTestPlatform({ toolUrl: t.baseUrl });
    });
    after(async () => {
      await moodle.close();
      await t.close();
    });

    it("registers an active platform from a listed host without a link", async () => {
      const token = await moodle.makeRegistrationToken({ clientId: "listedClient" });
      const res = await register(t, moodle, token, "en");
      expect(res.status, res.text).to.equal(200);
      expect((await t.lti.listPlatforms()).find((p) => p.clientId === "listedClient")?.active).to.equal(true);
    });
  });
});
