import { expect } from "chai";
import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { appSessions, attendanceMarks, attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { launchAs, postForm } from "../attendance/launch.js";
import { launchChromium, openContext, screenshot, type PageProblems } from "../support/browser.js";
import { useLaunchCookies } from "../support/launch-cookies.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";

describe("a register whose launch ends keeps the marks in the browser and offers them back", function () {
  this.timeout(120_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let register: string;
  let key: string;
  let status: Record<string, number>;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/sessions`, {
      date: "2025-10-01",
      startTime: "09:00",
      endTime: "10:30",
    }).expect(303);
    const [s] = await t.database.db.select().from(attendanceSessions);
    register = `${t.baseUrl}/activities/${lecturer.activityId}/attendance/sessions/${s!.id}`;
    key = `rollbook.register.${lecturer.activityId}.${s!.id}`;
    const rows = await t.database.db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, s!.setId));
    status = Object.fromEntries(rows.map((r) => [r.acronym, r.id]));
    browser = await launchChromium();
    ({ context, page, problems } = await openContext(browser, { locale: "en-GB" }));
    await useLaunchCookies(context, lecturer.agent, t.baseUrl);
  });
  after(() => browser?.close());

  const markOf = async (user: string) =>
    (
      await t.database.db
        .select()
        .from(attendanceMarks)
        .where(and(eq(attendanceMarks.userId, user)))
    )[0];
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await page.waitForTimeout(100);
    expect(await check()).to.equal(true);
  };
  const kept = () => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? "{}") as Record<string, unknown>, key);

  it("saves a row while the launch lives and keeps nothing for it", async () => {
    await page.goto(register);
    await page.locator(`label[for="m-4-${status.P}"]`).click();
    await until(async () => (await markOf("4"))?.statusId === status.P);
    // The page drops what it kept once the save's answer is back, a moment after the row is in the database.
    await until(async () => Object.keys(await kept()).length === 0);
    expect(await kept()).to.deep.equal({});
  });

  it("after the launch ends, autosave says to open the activity from Moodle again and keeps the mark", async () => {
    await t.database.db.update(appSessions).set({ expiresAt: new Date(Date.now() - 1000) });
    await page.locator(`label[for="m-5-${status.L}"]`).click();
    const alert = page.locator("[data-session-ended]");
    await alert.waitFor({ state: "visible" });
    expect(await alert.innerText()).to.include("Your session has ended: open the activity from Moodle again.");
    expect(await page.locator("[data-register-status]").innerText()).to.include("Your session has ended");
    expect(await page.locator("[data-register-status]").innerText()).not.to.include("Save");
    expect(await markOf("5")).to.equal(undefined);
    expect(Object.keys(await kept())).to.deep.equal(["5"]);
  });

  it("Save after the launch ended shows the same advice, and the page kept every changed row", async () => {
    await page.fill("#r-6", "Autobuss kavējās, ieradās 9:20");
    await page.locator(`label[for="m-6-${status.A}"]`).click();
    await Promise.all([page.waitForURL(/\/marks$/), page.getByRole("button", { name: "Save", exact: true }).click()]);
    const text = await page.locator("main").innerText();
    expect(text).to.include("Your session has ended.");
    expect(text).to.include("Open the activity again from your Moodle course.");
    expect(text).not.to.include("out of date");
    await screenshot(page, "register-session-ended");
    expect(Object.keys(await kept()).sort()).to.deep.equal(["5", "6"]);
  });

  it("after the relaunch offers the 2 unsaved marks back and saves them when asked", async () => {
    const again = await launchAs(t, moodle, "instructor");
    await useLaunchCookies(context, again.agent, t.baseUrl);
    await page.goto(register);
    const offer = page.locator("[data-restore]");
    await offer.waitFor({ state: "visible" });
    expect(await offer.innerText()).to.include("Restore the 2 unsaved marks?");
    await screenshot(page, "register-restore-offer");
    await offer.getByRole("button", { name: "Restore" }).click();
    await until(async () => (await markOf("5"))?.statusId === status.L && (await markOf("6"))?.statusId === status.A);
    expect((await markOf("6"))?.remark).to.equal("Autobuss kavējās, ieradās 9:20");
    await until(async () => Object.keys(await kept()).length === 0);
    await page.reload();
    expect(await page.locator("[data-restore]").isVisible()).to.equal(false);
    expect(await page.locator(`#m-6-${status.A}`).isChecked()).to.equal(true);
    expect(problems.consoleErrors.filter((e) => !/401|Unauthorized/.test(e))).to.deep.equal([]);
  });

  it("offers nothing when what was kept is already saved, and drops it", async () => {
    await page.evaluate(
      ([k, p]) => localStorage.setItem(k!, JSON.stringify({ 4: { s: p, o: "", r: "", or: "" } })),
      [key, String(status.P)],
    );
    await page.reload();
    expect(await page.locator("[data-restore]").isVisible()).to.equal(false);
    expect(await kept()).to.deep.equal({});
  });
});
