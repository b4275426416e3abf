import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import { accessibilityProblems, axeViolations } from "../support/a11y.js";
import { launchChromium, openContext, screenshot } from "../support/browser.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { LaunchKind, TestPlatform } from "../support/lti-platform.js";
import type { TestApp } from "../support/test-app.js";
import { at, launchAs, projector, sessionWithCheckin } from "../checkin/http-helpers.js";

const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "en-GB",
};
const en = { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale: "en" } };

describe("self check-in on a phone (Chromium, 390×844)", function () {
  this.timeout(90_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let browser: Browser;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    browser = await launchChromium();
    t.clock.set(at(-30));
  });
  after(async () => {
    await browser?.close();
  });

  /** The login initiation Moodle's launch page would auto-submit for this user (a real LTI 1.3 flow follows). */
  const loginUrl = (kind: LaunchKind, sub: string) =>
    `${t.baseUrl}/lti/login?${new URLSearchParams({ ...moodle.prepareLaunch(kind, { sub, ...en }) })}`;

  /** Signs this browser in as a Moodle user, landing where the tool sends them. */
  async function signIn(page: Page, kind: LaunchKind, sub: string, landing: RegExp) {
    await Promise.all([page.waitForURL(landing, { timeout: 30_000 }), page.goto(loginUrl(kind, sub))]);
  }

  /**
   * Moodle's /mod/lti/view.php?l=... asks for the Moodle login and then launches the tool. The test Moodle has no
   * such page (and Playwright does not intercept redirect targets): wait until the phone is there, then do what
   * Moodle does after the login, the launch of that activity for this user.
   */
  async function moodleLaunchesFrom(page: Page, sub: string) {
    await page.waitForURL((u) => u.pathname === "/mod/lti/view.php" && u.searchParams.get("l") === "1", {
      timeout: 15_000,
    });
    await Promise.all([
      page.waitForURL(/\/checkin\/pending$/, { timeout: 30_000 }),
      page.goto(loginUrl("learner", sub)),
    ]);
  }

  it("checks in a signed-in phone from the scanned link, then says 'already checked in'", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    const sessionId = await sessionWithCheckin(t, lecturer);
    const { context, page, problems } = await openContext(browser, PHONE);
    await signIn(page, "learner", "5", /\/activities\/\d+\/me$/);
    t.clock.set(at(2));
    const { url } = await projector(lecturer, sessionId);
    await page.goto(url);
    expect(await page.getByTestId("checkin-result").getAttribute("data-outcome")).to.equal("accepted");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).to.equal("You are checked in");
    expect(await page.getByTestId("checkin-status").innerText()).to.equal("P · Present");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "checkin-phone-confirmation");
    await page.goto(url);
    expect(await page.getByTestId("checkin-result").getAttribute("data-outcome")).to.equal("already");
    expect(problems.consoleErrors, problems.consoleErrors.join("\n")).to.deep.equal([]);
    await context.close();
    t.clock.set(at(-30));
  });

  it("keeps the scan of a signed-out phone through the Moodle login and lands checked in", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    const sessionId = await sessionWithCheckin(t, lecturer);
    const { context, page, problems } = await openContext(browser, PHONE);
    t.clock.set(at(4));
    const { url } = await projector(lecturer, sessionId);
    await page.goto(url);
    t.clock.set(at(6)); // the login took two minutes; the scan happened while the code was valid
    await moodleLaunchesFrom(page, "6");
    expect(await page.getByTestId("checkin-result").getAttribute("data-outcome")).to.equal("accepted");
    expect(await page.getByTestId("checkin-status").innerText()).to.equal("P · Present");
    await screenshot(page, "checkin-phone-after-login");
    const unexpected = problems.consoleErrors.filter((e) => !/status of 404/.test(e)); // the test Moodle's missing view.php
    expect(unexpected, unexpected.join("\n")).to.deep.equal([]);
    await context.close();
    t.clock.set(at(-30));
  });

  it("takes a typed password from the student's own page", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    await sessionWithCheckin(t, lecturer, { method: "password", password: "ruden1s" });
    t.clock.set(at(5));
    const { context, page, problems } = await openContext(browser, PHONE);
    await signIn(page, "learner", "7", /\/activities\/\d+\/me$/);
    await page.getByTestId("checkin-button").last().click();
    await page.getByLabel("Code or password from the screen").fill("nepareizs");
    await page.getByRole("button", { name: "Check in" }).click();
    expect(await page.getByTestId("checkin-refusal").innerText()).to.contain("That code is not right");
    await page.getByRole("link", { name: "Try again" }).click();
    await page.getByLabel("Code or password from the screen").fill("Ruden1s");
    await page.getByRole("button", { name: "Check in" }).click();
    expect(await page.getByTestId("checkin-result").getAttribute("data-outcome")).to.equal("accepted");
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    expect(await axeViolations(page)).to.deep.equal([]);
    const unexpected = problems.consoleErrors.filter((e) => !/status of 400/.test(e)); // the wrong password's page is a 400
    expect(unexpected, unexpected.join("\n")).to.deep.equal([]);
    await context.close();
    t.clock.set(at(-30));
  });

  it("refreshes the projector's code and count without reloading, the same code on two projectors", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    const sessionId = await sessionWithCheckin(t, lecturer);
    t.clock.set(at(10, 1));
    const { context, page, problems } = await openContext(browser, {
      viewport: { width: 1280, height: 800 },
      locale: "en-GB",
    });
    await signIn(page, "instructor", "3", /\/activities\/\d+$/);
    const path = `/activities/${lecturer.activityId}/checkin/sessions/${sessionId}/projector`;
    await page.goto(`${t.baseUrl}${path}`);
    const code = page.locator("[data-code]");
    await page.waitForFunction(() => /^\d{6}$/.test(document.querySelector("[data-code]")?.textContent ?? ""));
    const first = await code.innerText();
    expect(await page.locator("[data-qr] svg").count()).to.equal(1);
    const second = await context.newPage();
    await second.goto(`${t.baseUrl}${path}`);
    await second.waitForFunction((c) => document.querySelector("[data-code]")?.textContent === c, first);
    const student = await launchAs(t, moodle, "learner", { sub: "8" });
    await student.agent.get(new URL((await projector(lecturer, sessionId)).url).pathname).expect(200);
    t.clock.set(at(10, 21));
    const navigations: string[] = [];
    page.on("framenavigated", (f) => navigations.push(f.url()));
    await page.waitForFunction(
      (c) => {
        const now = document.querySelector("[data-code]")?.textContent;
        return now && now !== c;
      },
      first,
      { timeout: 15_000 },
    );
    await page.waitForFunction(
      () => /checked in: 1 \/ \d+/.test(document.querySelector("[data-count]")?.textContent ?? ""),
      undefined,
      { timeout: 10_000 },
    );
    expect(navigations).to.deep.equal([]);
    await screenshot(page, "checkin-projector");
    expect(problems.consoleErrors, problems.consoleErrors.join("\n")).to.deep.equal([]);
    await context.close();
    t.clock.set(at(-30));
  });
});
