import { expect } from "chai";
import type { Browser } from "playwright-core";
import { accessibilityProblems, tabReachability } from "../support/a11y.js";
import { launchChromium, openContext, screenshot } from "../support/browser.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

describe("the demo start page in Chromium", function () {
  this.timeout(60_000);
  let t: TestApp;
  let browser: Browser;
  before(async () => {
    t = await startTestApp({ DEMO_ENABLED: "true" });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows the demo course, its lecturer and 25 students to choose from, without console errors", async () => {
    const { context, page, problems } = await openContext(browser);
    const res = await page.goto(`${t.baseUrl}/`);
    expect(res?.status()).to.equal(200);
    expect(await page.title()).to.equal("Izmēģiniet Rollbook bez Moodle · Rollbook");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).to.equal("Izmēģiniet Rollbook bez Moodle");
    const courses = await page.getByRole("heading", { level: 2 }).allTextContents();
    expect(courses.join(" | ")).to.include("Biznesa komunikācija (demo)").and.include("Studiju atbalsta centrs (demo)");
    expect(await page.locator("main").innerText()).to.include("Ilze Ozoliņa");
    const options = await page.getByLabel("Students", { exact: true }).locator("option").allTextContents();
    expect(options).to.have.length(25);
    expect(options).to.include("Ņikita Pavlovs");
    await screenshot(page, "demo-start");
    expect(problems.consoleErrors, problems.consoleErrors.join("\n")).to.deep.equal([]);
    expect(problems.offsite).to.deep.equal([]);
    await context.close();
  });

  it("passes the basic accessibility check: lang, one h1, labelled controls, named buttons", async () => {
    const { context, page } = await openContext(browser);
    await page.goto(`${t.baseUrl}/`);
    expect(await page.locator("html").getAttribute("lang")).to.equal("lv");
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await context.close();
  });

  it("lets a keyboard user reach every button, the student list and the language links with Tab, skip link first", async () => {
    const { context, page } = await openContext(browser);
    await page.goto(`${t.baseUrl}/`);
    const { first, unreached } = await tabReachability(page);
    expect(first).to.equal('a "Pāriet uz saturu"');
    expect(unreached).to.deep.equal([]);
    await context.close();
  });

  it("switches to English with the language link, and the launch buttons say so", async () => {
    const { context, page, problems } = await openContext(browser);
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL(/\?lang=en$/);
    expect(await page.locator("html").getAttribute("lang")).to.equal("en");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).to.equal("Try Rollbook without a Moodle");
    expect(await page.getByRole("button", { name: "Launch as lecturer" }).isVisible()).to.equal(true);
    expect(await page.getByRole("link", { name: "English" }).getAttribute("aria-current")).to.equal("true");
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    expect(problems.consoleErrors).to.deep.equal([]);
    await context.close();
  });
});
