import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import { accessibilityProblems } from "../support/a11y.js";
import { launchChromium, openContext, screenshot } from "../support/browser.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

describe("launching from the demo start page in Chromium (real LTI 1.3 flow)", function () {
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

  /** Clicks a launch button and waits until the LTI hand-offs (login, auth, launch, ltik) have landed on `url`. */
  async function clickThrough(page: Page, button: string, url: RegExp): Promise<void> {
    await Promise.all([page.waitForURL(url, { timeout: 30_000 }), page.getByRole("button", { name: button }).click()]);
    await page.waitForLoadState("load");
  }

  it("takes the lecturer, by clicking, to the activity's home with the 25 students and the roster table", async () => {
    const { context, page, problems } = await openContext(browser);
    await page.goto(`${t.baseUrl}/`);
    await clickThrough(page, "Atvērt kā pasniedzējam", /\/activities\/\d+$/);
    expect(new URL(page.url()).pathname).to.match(/^\/activities\/\d+$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).to.equal("Apmeklējums");
    expect(await page.getByTestId("student-count").innerText()).to.include("25 studenti");
    const roster = page.getByRole("table", { name: "Kursa dalībnieki" });
    expect(await roster.locator("tbody tr").count()).to.equal(26); // the lecturer and 25 students
    expect(await roster.innerText()).to.include("Ņikita Pavlovs");
    expect(await page.locator("header").innerText()).to.include("Ilze Ozoliņa");
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, "lecturer-home");
    expect(problems.consoleErrors, problems.consoleErrors.join("\n")).to.deep.equal([]);
    expect(problems.offsite).to.deep.equal([]);
    await context.close();
  });

  it("takes the student chosen in the list to their own view, greeted by name", async () => {
    const { context, page, problems } = await openContext(browser);
    await page.goto(`${t.baseUrl}/`);
    await page.getByLabel("Students", { exact: true }).selectOption({ label: "Laura Pētersone" });
    await clickThrough(page, "Atvērt kā studentam", /\/activities\/\d+\/me$/);
    expect(await page.getByTestId("student-greeting").innerText()).to.equal("Sveiki, Laura Pētersone!");
    expect(await page.locator("header").innerText()).to.include("Laura Pētersone");
    expect(await page.getByRole("table").count()).to.equal(0);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, "student-view");
    expect(problems.consoleErrors, problems.consoleErrors.join("\n")).to.deep.equal([]);
    await context.close();
  });

  it("works for a student on a phone (390×844): the same view, nothing wider than the screen", async () => {
    const { context, page, problems } = await openContext(browser, PHONE);
    await page.goto(`${t.baseUrl}/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await screenshot(page, "demo-start-phone");
    await page.getByLabel("Students", { exact: true }).selectOption({ label: "Ņikita Pavlovs" });
    await page.getByRole("button", { name: "Atvērt kā studentam" }).scrollIntoViewIfNeeded();
    await clickThrough(page, "Atvērt kā studentam", /\/activities\/\d+\/me$/);
    expect(await page.getByTestId("student-greeting").innerText()).to.equal("Sveiki, Ņikita Pavlovs!");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await screenshot(page, "student-phone");
    expect(problems.consoleErrors, problems.consoleErrors.join("\n")).to.deep.equal([]);
    await context.close();
  });

  it("launches in English after the start page was switched to English", async () => {
    const { context, page, problems } = await openContext(browser);
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL(/\?lang=en$/);
    await clickThrough(page, "Launch as lecturer", /\/activities\/\d+$/);
    expect(await page.locator("html").getAttribute("lang")).to.equal("en");
    expect(await page.getByTestId("student-count").innerText()).to.include("25 students");
    expect(await page.getByRole("heading", { level: 2 }).first().textContent()).to.equal("Course participants");
    expect(await page.getByRole("columnheader").allTextContents()).to.deep.equal(["Name", "Email", "Role"]);

    await page.goto(`${t.baseUrl}/?lang=en`);
    await page.getByLabel("Student", { exact: true }).selectOption({ label: "Mārtiņš Ozols" });
    await clickThrough(page, "Launch as student", /\/activities\/\d+\/me$/);
    expect(await page.getByTestId("student-greeting").innerText()).to.equal("Hello, Mārtiņš Ozols!");
    await screenshot(page, "student-view-en");
    expect(problems.consoleErrors, problems.consoleErrors.join("\n")).to.deep.equal([]);
    await context.close();
  });
});
