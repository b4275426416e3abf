import { expect } from "chai";
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { attendanceStatuses } from "../../src/db/schema.js";
import { scheduleBytes } from "../planning/fixtures.js";
import { accessibilityProblems, axeViolations } from "../support/a11y.js";
import { launchChromium, openContext, screenshot, type PageProblems } from "../support/browser.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

const DESKTOP = { viewport: { width: 1366, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const today = DateTime.now().setZone("Europe/Riga");
const studyDay = today.plus({ days: 3 }).toISODate()!;
const lvDate = today.plus({ days: 3 }).toFormat("dd.MM.yyyy");

/**
 * The Done-when walk of issue 10: the demo as a lecturer (1366×900), a student on a phone (390×844) and the
 * coordinator, in Latvian and in English, with the demo's Latvian names; every page passes axe-core (no serious
 * or critical violations) and our own checks, and leaves a screenshot in test-results/ to look at.
 */
describe("a walk through the demo: lecturer, student on a phone, coordinator, in Latvian and English", function () {
  this.timeout(240_000);
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

  async function launch(page: Page, lang: "lv" | "en", button: string, url: RegExp) {
    await page.goto(`${t.baseUrl}/?lang=${lang}`);
    await Promise.all([page.waitForURL(url, { timeout: 30_000 }), page.getByTestId(button).click()]);
    await page.waitForLoadState("load");
  }
  /** axe-core and our own checks on the page as it is, then its screenshot. */
  async function check(page: Page, name: string, problems: PageProblems) {
    expect(await axeViolations(page), `${name}: axe`).to.deep.equal([]);
    expect(await accessibilityProblems(page), `${name}: a11y`).to.deep.equal([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name}: sideways scroll`).to.be.at.most(
      page.viewportSize()!.width,
    );
    await screenshot(page, `walk-${name}`);
    expect(problems.consoleErrors, `${name}: console`).to.deep.equal([]);
    expect(problems.offsite, `${name}: offsite`).to.deep.equal([]);
  }

  for (const lang of ["lv", "en"] as const) {
    const w =
      lang === "lv" ? { save: "Saglabāt", marked: "2 no 25 atzīmēti" } : { save: "Save", marked: "2 of 25 marked" };

    it(`lecturer (${lang}): home, a session today, the sessions list, register, statuses, report, outbox`, async () => {
      const { context, page, problems } = await openContext(browser, {
        ...DESKTOP,
        locale: lang === "lv" ? "lv-LV" : "en-GB",
      });
      await launch(page, lang, "launch-lecturer", /\/activities\/\d+$/);
      const base = new URL(page.url()).pathname;
      await check(page, `${lang}-lecturer-home`, problems);

      await page.goto(`${t.baseUrl}${base}/attendance/sessions/new`);
      await page.fill("#f-date", today.toISODate()!);
      await page.fill("#f-startTime", "08:00");
      await page.fill("#f-endTime", "23:30");
      await page.fill("#f-description", lang === "lv" ? "Lekcija: sarunu māksla" : "Lecture: the art of talking");
      await Promise.all([page.waitForURL(/done=/), page.getByRole("button", { name: w.save, exact: true }).click()]);
      await page
        .getByTestId(/^take-/)
        .first()
        .waitFor();
      await check(page, `${lang}-sessions-today`, problems);

      await page
        .getByTestId(/^take-/)
        .last() // the session just made (the Latvian walk made the first one)
        .click();
      await page.waitForURL(/\/attendance\/sessions\/\d+$/);
      const rows = page.locator("tr[data-user]");
      expect(await rows.count()).to.equal(25);
      await rows.nth(0).locator("label.btn").first().click();
      await page.locator("[data-register-status]").filter({ hasText: /.+/ }).waitFor();
      await rows.nth(1).locator("label.btn").nth(1).click();
      await page.waitForTimeout(500);
      await page.reload();
      expect(await page.getByTestId("marked-progress").innerText()).to.equal(w.marked);
      await check(page, `${lang}-register`, problems);

      const [set] = await t.database.db.select().from(attendanceStatuses).where(eq(attendanceStatuses.acronym, "E"));
      await t.database.db.update(attendanceStatuses).set({ isHidden: true }).where(eq(attendanceStatuses.id, set!.id));
      await page.goto(`${t.baseUrl}${base}/attendance/statuses`);
      await check(page, `${lang}-statuses-hidden`, problems);
      await t.database.db.update(attendanceStatuses).set({ isHidden: false }).where(eq(attendanceStatuses.id, set!.id));

      await page.goto(`${t.baseUrl}${base}/attendance/report`);
      await check(page, `${lang}-report`, problems);
      await page.goto(`${t.baseUrl}${base}/outbox`);
      await check(page, `${lang}-outbox`, problems);
      await context.close();
    });

    it(`student on a phone (${lang}): their own page`, async () => {
      const { context, page, problems } = await openContext(browser, {
        ...PHONE,
        locale: lang === "lv" ? "lv-LV" : "en-GB",
      });
      await page.goto(`${t.baseUrl}/?lang=${lang}`);
      await page.locator("#demo-student").selectOption({ label: "Sanita Ķēniņa" });
      await Promise.all([page.waitForURL(/\/me$/, { timeout: 30_000 }), page.getByTestId("launch-student").click()]);
      expect(await page.getByTestId("student-greeting").innerText()).to.include("Sanita Ķēniņa");
      await check(page, `${lang}-student-phone`, problems);
      await context.close();
    });

    it(`coordinator (${lang}): the study days, an imported day's plan, the outbox`, async () => {
      const { context, page, problems } = await openContext(browser, {
        ...DESKTOP,
        locale: lang === "lv" ? "lv-LV" : "en-GB",
      });
      await launch(page, lang, "launch-coordinator", /\/study-days$/);
      const base = new URL(page.url()).pathname;
      await check(page, `${lang}-study-days`, problems);
      if (lang === "lv") {
        await page.locator("#schedule-file").setInputFiles({
          name: "grafiks.csv",
          mimeType: "text/csv",
          buffer: Buffer.from(
            scheduleBytes(
              `${lvDate};1;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze.ozolina@demo.rollbook.lv;BK-1;tiešsaistē;`,
              `${lvDate};2;;;EK201;Ekonomikas pamati;Ūldis Šķēle;uldis.skele@demo.rollbook.lv;EK-2;tiešsaistē;`,
              `${lvDate};2;;;GR110;Grāmatvedība;Ķirsis Āboliņš;kirsis.abolins@demo.rollbook.lv;GR-1;klātienē;201`,
            ),
          ),
        });
        await page.locator("#schedule-file").locator("xpath=ancestor::form").locator("button[type=submit]").click();
        await page.waitForLoadState("load");
        await screenshot(page, "walk-lv-study-days-imported");
        expect(page.url()).to.match(/imported=/);
      }
      await page.goto(`${t.baseUrl}${base}/days/${studyDay}`);
      expect(await page.locator("main").innerText()).to.include("Ūldis Šķēle");
      await check(page, `${lang}-study-day-plan`, problems);
      await page.goto(`${t.baseUrl}${base.replace(/\/study-days$/, "")}/outbox`);
      await check(page, `${lang}-coordinator-outbox`, problems);
      await context.close();
    });
  }
});
