import { readFile } from "node:fs/promises";
import { expect } from "chai";
import { CookieAccessInfo } from "cookiejar";
import { asc, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { attendanceMarks, attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { launchAs } from "../attendance/launch.js";
import { readXlsxRows } from "../attendance/xlsx.js";
import { accessibilityProblems } from "../support/a11y.js";
import { launchChromium, openContext, screenshot } from "../support/browser.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";

/** The BK101 roster has 6 students; 24 more make the 30 of the issue. */
const EXTRA = Array.from({ length: 24 }, (_, i) => ({
  user_id: String(100 + i),
  given_name: "Ģirts",
  family_name: `Šķērsts ${String(i + 1).padStart(2, "0")}`,
}));

describe("taking attendance in Chromium: series, 30 students, report, CSV and XLSX read back", function () {
  this.timeout(120_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    for (const m of EXTRA) moodle.addMember(m);
    t.clock.set(new Date("2025-10-10T12:00:00Z"));
    const lecturer = await launchAs(t, moodle, "instructor"); // the launch syncs the 30-student roster
    base = `${t.baseUrl}/activities/${lecturer.activityId}`;
    browser = await launchChromium();
    ({ context, page } = await openContext(browser, { locale: "en-GB", acceptDownloads: true }));
    // the launched session's cookies, handed to the browser as Moodle's redirect would have left them
    const jar = (
      lecturer.agent as unknown as { jar: { getCookies(a: CookieAccessInfo): { name: string; value: string }[] } }
    ).jar;
    await context.addCookies(
      jar.getCookies(CookieAccessInfo.All).map((c) => ({ name: c.name, value: c.value, url: t.baseUrl })),
    );
  });
  after(async () => {
    t.clock.set(null);
    await browser?.close();
  });

  const download = async (link: string) => {
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: link, exact: true }).click(),
    ]);
    return readFile((await file.path())!);
  };

  it("creates a weekly series across four Wednesdays", async () => {
    await page.goto(`${base}/attendance/sessions/new`);
    await page.fill("#f-date", "2025-10-01");
    await page.fill("#f-startTime", "09:00");
    await page.fill("#f-endTime", "10:30");
    await page.check("#f-repeat");
    await page.check("#wd-3");
    await page.fill("#f-every", "1");
    await page.fill("#f-until", "2025-10-22");
    await Promise.all([
      page.waitForURL(/\/attendance\/sessions\?done=saved/),
      page.getByRole("button", { name: "Save" }).click(),
    ]);
    expect(await t.database.db.select().from(attendanceSessions)).to.have.length(4);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
  });

  it("takes attendance for 30 students by clicking, each row saved as it changes", async () => {
    const [first] = await t.database.db
      .select()
      .from(attendanceSessions)
      .orderBy(asc(attendanceSessions.startsAt))
      .limit(1);
    const statuses = await t.database.db
      .select()
      .from(attendanceStatuses)
      .where(eq(attendanceStatuses.setId, first!.setId));
    const id = (a: string) => statuses.find((s) => s.acronym === a)!.id;
    await page.goto(`${base}/attendance/sessions/${first!.id}`);
    expect(await page.getByTestId("unmarked-count").innerText()).to.include("30 students");
    const users = await page
      .locator("tr[data-user]")
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.user!));
    expect(users).to.have.length(30);
    for (const [i, u] of users.entries())
      await page.locator(`label[for="m-${u}-${id(i < 27 ? "P" : i < 29 ? "L" : "A")}"]`).click();
    for (let i = 0; i < 100 && (await t.database.db.select().from(attendanceMarks)).length < 30; i++)
      await page.waitForTimeout(100);
    await page.reload();
    expect(await page.getByTestId("unmarked-count").innerText()).to.equal("Every student is marked.");
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, "attendance-register-30");
  });

  it("shows the marks in the report and the per-session counts", async () => {
    await page.getByRole("link", { name: "Report", exact: true }).click();
    await page.waitForURL(/\/attendance\/report$/);
    expect(await page.locator("tbody tr").count()).to.equal(30);
    expect(await page.locator("tfoot").innerText()).to.include("P27 L2 A1");
    expect(await page.locator("tbody tr").filter({ hasText: "Šķērsts 01" }).innerText()).to.include("P");
    expect(await accessibilityProblems(page)).to.deep.equal([]);
  });

  it("exports CSV and XLSX, and the files read back with every student and Latvian letters intact", async () => {
    const tidy = (await download("CSV (a row per mark)")).toString("utf8");
    expect(tidy.startsWith("\uFEFF")).to.equal(true);
    const lines = tidy.slice(1).trim().split("\r\n");
    expect(lines).to.have.length(31);
    expect(
      lines.filter((l) => l.startsWith("Ģirts Šķērsts ") && l.includes(",2025-10-01,09:00,10:30,")),
    ).to.have.length(24);
    const wide = await readXlsxRows(await download("XLSX (students × sessions)"));
    expect(wide).to.have.length(31);
    expect(wide[0]!.slice(3, 7)).to.deep.equal([
      "2025-10-01 09:00",
      "2025-10-08 09:00",
      "2025-10-15 09:00",
      "2025-10-22 09:00",
    ]);
    expect(wide.filter((r) => r[3] === "P")).to.have.length(27);
    expect(wide.find((r) => r[0] === "Ģirts Šķērsts 24")?.[3]).to.be.oneOf(["P", "L", "A"]);
    const tidyXlsx = await readXlsxRows(await download("XLSX (a row per mark)"));
    expect(tidyXlsx).to.have.length(31);
    await context.close();
  });
});
