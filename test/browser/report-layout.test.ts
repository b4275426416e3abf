import { expect } from "chai";
import { CookieAccessInfo } from "cookiejar";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { launchAs, postForm, type Launched } from "../attendance/launch.js";
import { accessibilityProblems } from "../support/a11y.js";
import { launchChromium, openContext, screenshot } from "../support/browser.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";

/** 24 more students make the 30 of a group; 30 weekly sessions make the report wider than any screen. */
const EXTRA = Array.from({ length: 24 }, (_, i) => ({
  user_id: String(100 + i),
  given_name: "Ģirts",
  family_name: `Šķērsts ${String(i + 1).padStart(2, "0")}`,
}));

/** Whether an element's middle is on screen and not covered or clipped (what a person sees without scrolling). */
function seen(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + Math.min(r.width / 2, 8);
    const y = r.top + r.height / 2;
    if (r.width === 0 || x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return Boolean(hit && (hit === el || el.contains(hit) || hit.contains(el)));
  });
}

describe("the report shows whose row it is and the total together (Chromium, 1366 and 390 px)", function () {
  this.timeout(180_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let browser: Browser;
  let lecturer: Launched;
  let report: string;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    for (const m of EXTRA) moodle.addMember(m);
    t.clock.set(new Date("2026-04-01T12:00:00Z"));
    lecturer = await launchAs(t, moodle, "instructor");
    const base = `/activities/${lecturer.activityId}/attendance/sessions`;
    await postForm(lecturer, base, {
      date: "2025-09-01",
      startTime: "09:00",
      endTime: "10:30",
      repeat: "on",
      weekdays: "1",
      everyWeeks: "1",
      until: "2026-03-23",
    }).expect(303);
    const sessions = await t.database.db.select().from(attendanceSessions).orderBy(attendanceSessions.startsAt);
    expect(sessions.length).to.be.greaterThan(25);
    const [p] = await t.database.db
      .select()
      .from(attendanceStatuses)
      .where(eq(attendanceStatuses.setId, sessions[0]!.setId));
    for (const s of sessions.slice(0, 3))
      await postForm(lecturer, `${base}/${s.id}/unmarked`, { statusId: String(p!.id) }).expect(303);
    report = `${t.baseUrl}/activities/${lecturer.activityId}/attendance/report`;
    browser = await launchChromium();
  });
  after(async () => {
    t.clock.set(null);
    await browser?.close();
  });

  async function open(options: BrowserContextOptions): Promise<Page> {
    const { context, page } = await openContext(browser, { locale: "lv-LV", ...options });
    const jar = (
      lecturer.agent as unknown as { jar: { getCookies(a: CookieAccessInfo): { name: string; value: string }[] } }
    ).jar;
    await context.addCookies(
      jar.getCookies(CookieAccessInfo.All).map((c) => ({ name: c.name, value: c.value, url: t.baseUrl })),
    );
    await page.goto(`${report}?lang=lv`);
    return page;
  }

  /** Brings a student's row to the middle of the screen by scrolling down only (never sideways). */
  async function scrollToRow(page: Page, row: string) {
    await page
      .locator(row)
      .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - window.innerHeight / 2));
  }

  it("at 1366 px: the name and the total of a row side by side, the name stays while the sessions scroll", async () => {
    const page = await open({ viewport: { width: 1366, height: 768 } });
    const row = 'tr[data-user="5"]';
    await scrollToRow(page, row);
    expect(await seen(page, `${row} [data-testid="report-name"]`), "name").to.equal(true);
    expect(await seen(page, `${row} [data-testid="report-total"]`), "total").to.equal(true);
    expect(await page.locator(`${row} [data-testid="report-total"]`).innerText()).to.match(/^\d+([,.]\d)? %$/);
    await screenshot(page, "report-1366");
    await page.locator(".rb-report").evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    expect(await page.locator(".rb-report").evaluate((el) => el.scrollLeft)).to.be.greaterThan(500);
    expect(await seen(page, `${row} [data-testid="report-name"]`), "name after scrolling to the last session").to.equal(
      true,
    );
    await screenshot(page, "report-1366-scrolled");
    expect(await accessibilityProblems(page)).to.deep.equal([]);
  });

  it("at 390x844 (a phone): a list with the name and the total on one line, nothing wider than the screen", async () => {
    const page = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const row = 'li[data-user="5"]';
    await scrollToRow(page, row);
    expect(await seen(page, `${row} [data-testid="report-name"]`), "name").to.equal(true);
    expect(await seen(page, `${row} [data-testid="report-total"]`), "total").to.equal(true);
    expect(await page.locator(`${row} [data-testid="report-name"]`).innerText()).to.equal("Anna Kalniņa");
    expect(await page.locator("table").isVisible()).to.equal(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    expect(await page.locator("li[data-user]").count()).to.equal(30);
    await screenshot(page, "report-390");
    expect(await accessibilityProblems(page)).to.deep.equal([]);
  });
});
