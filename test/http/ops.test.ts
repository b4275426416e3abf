import { expect } from "chai";
import request from "supertest";
import { withRegisteredApp } from "../support/registered-platform.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import type { TestPlatform } from "../support/lti-platform.js";

describe(`operations and security headers (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));

  it("answers /healthz while the process runs", async () => {
    const res = await request(t.baseUrl).get("/healthz").expect(200);
    expect(res.body).to.deep.equal({ status: "ok" });
  });

  it('answers /readyz with only "ok" when the database answers and every migration is applied', async () => {
    const res = await request(t.baseUrl).get("/readyz").expect(200);
    expect(res.text).to.equal("ok");
  });

  it("lets only registered platforms frame the tool (CSP frame-ancestors)", async () => {
    const res = await request(t.baseUrl).get("/activities/1");
    const csp = res.headers["content-security-policy"] as string;
    expect(csp).to.match(new RegExp(`frame-ancestors 'self' ${new URL(moodle.issuer).origin}(;|$)`));
    expect(res.headers["x-frame-options"]).to.equal(undefined);
  });

  it("gives every response a request id and shows it on error pages, never a stack", async () => {
    const res = await request(t.baseUrl).get("/no/such/page").set("Accept-Language", "en").expect(404);
    const id = res.headers["x-request-id"] as string;
    expect(id).to.match(/^[\w-]{6,}$/);
    expect(res.text).to.include(id);
    expect(res.text).to.include("There is no such page.");
    expect(res.text).not.to.match(/at \w+ \(/);
  });

  it("answers JSON errors to clients that ask for JSON", async () => {
    const res = await request(t.baseUrl).get("/activities/1").set("Accept", "application/json").expect(401);
    expect(res.body.error.code).to.equal("session_expired");
  });

  it("refuses a form with too many fields with a clear 4xx page, not a 500", async () => {
    const body = Array.from({ length: 10_050 }, (_, i) => `f${i}=x`).join("&");
    const res = await request(t.baseUrl)
      .post("/activities/1/whatever")
      .set("Accept-Language", "en")
      .type("form")
      .send(body);
    expect(res.status).to.be.within(400, 499);
    expect(res.text).to.include("The request could not be read.");
  });

  it("serves Bootstrap itself (no CDN)", async () => {
    const res = await request(t.baseUrl).get("/assets/bootstrap/css/bootstrap.min.css").expect(200);
    expect(res.text).to.include("Bootstrap");
  });
});

describe(`cookies over HTTPS behind a proxy (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ PUBLIC_URL: "https://rollbook.example.lv", DEMO_ENABLED: "false" });
  });
  after(() => t.close());

  it("sets its cookies Secure; SameSite=None so they work inside Moodle's iframe", async () => {
    const res = await request(t.app).get("/activities/1").set("X-Forwarded-Proto", "https");
    const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
    const browser = cookies.find((c) => c.startsWith("__Host-rb_browser="));
    expect(browser).to.match(/Secure/i);
    expect(browser).to.match(/SameSite=None/i);
    expect(browser).to.match(/HttpOnly/i);
  });
});
