import { expect } from "chai";
import request from "supertest";
import { cookiePolicy, isLoopbackHost } from "../../src/http/cookie-policy.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

describe("the cookie policy (src/http/cookie-policy.ts)", () => {
  const policy = (PUBLIC_URL: string, LOCALHOST_SECURE_COOKIES = true) =>
    cookiePolicy({ PUBLIC_URL, LOCALHOST_SECURE_COOKIES });

  it("is Secure with __Host- names under https, Secure without the prefix on http://localhost, plain elsewhere", () => {
    expect(policy("https://rollbook.example.lv")).to.deep.equal({ isSecure: true, isHostPrefixed: true });
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000", "http://rb.localhost"])
      expect(policy(url), url).to.deep.equal({ isSecure: true, isHostPrefixed: false });
    for (const url of ["http://rollbook.college.lv", "http://10.0.0.5:3000", "http://localhost.example.lv"])
      expect(policy(url), url).to.deep.equal({ isSecure: false, isHostPrefixed: false });
  });

  it("keeps plain cookies on localhost only when LOCALHOST_SECURE_COOKIES=false says so; https stays Secure", () => {
    expect(policy("http://localhost:3000", false)).to.deep.equal({ isSecure: false, isHostPrefixed: false });
    expect(policy("https://rollbook.example.lv", false)).to.deep.equal({ isSecure: true, isHostPrefixed: true });
    expect(isLoopbackHost("LOCALHOST.")).to.equal(true);
    expect(isLoopbackHost("127.0.0.1.nip.io")).to.equal(false);
  });
});

/** Every Set-Cookie line of a real launch: ltijs's login and launch, our landing, and a page with a form. */
async function launchCookies(t: TestApp, moodle: TestPlatform): Promise<string[]> {
  const agent = request.agent(t.app);
  const launch = await launchTool(agent, moodle, { kind: "instructor" });
  expect(launch.response.status, launch.response.text).to.equal(302);
  const landed = await launch.follow();
  expect(landed.status, landed.text).to.equal(303);
  const page = await launch.follow(landed);
  expect(page.status, page.text).to.equal(200);
  expect(page.text).to.include('name="_csrf"');
  return [launch.loginResponse, launch.response, landed, page].flatMap((r) =>
    ([] as string[]).concat(r.headers["set-cookie"] ?? []),
  );
}

const named = (lines: string[], prefix: string) => lines.filter((l) => l.startsWith(prefix));

for (const [label, vars, names] of [
  ["an https PUBLIC_URL", { PUBLIC_URL: "https://rollbook.example.lv" }, ["__Host-rb_browser=", "__Host-rb.csrf="]],
  [
    "an http://localhost PUBLIC_URL",
    { PUBLIC_URL: "http://localhost:8123", LOCALHOST_SECURE_COOKIES: "true" },
    ["rb_browser=", "rb_csrf="],
  ],
] as const) {
  describe(`cookies of a launch under ${label} (${TEST_DB_KIND})`, function () {
    this.timeout(60_000);
    let t: TestApp;
    let moodle: TestPlatform;
    withRegisteredApp((app) => ({ t, moodle } = app), vars);

    it("are all HttpOnly; Secure; SameSite=None, so they come back inside Moodle's iframe on another site", async () => {
      const lines = await launchCookies(t, moodle);
      for (const name of [...names, "state", "lti"]) expect(named(lines, name), name).to.not.deep.equal([]);
      for (const line of lines) {
        expect(line)
          .to.match(/;\s*Secure/i)
          .and.match(/;\s*SameSite=None/i)
          .and.match(/;\s*HttpOnly/i);
        expect(line)
          .to.match(/;\s*Path=\//i)
          .and.not.match(/Domain=/i);
      }
    });
  });
}

describe(`cookies with LOCALHOST_SECURE_COOKIES=false, as the test app sets (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app), { PUBLIC_URL: "http://localhost:8123" });

  it("are plain HttpOnly; SameSite=Lax, never Secure", async () => {
    expect(t.env.LOCALHOST_SECURE_COOKIES).to.equal(false);
    const lines = await launchCookies(t, moodle);
    expect(named(lines, "rb_browser=")).to.have.length.greaterThan(0);
    for (const line of lines)
      expect(line)
        .to.match(/;\s*SameSite=Lax/i)
        .and.not.match(/;\s*Secure/i);
  });
});
