import { expect } from "chai";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { activities, courseMembers, courses, followupContacts } from "../../src/db/schema.js";
import type { Actor } from "../../src/lti/actor.js";
import { accessibilityProblems } from "../support/a11y.js";
import { launchChromium, openContext, screenshot, launchAdminInBrowser } from "../support/browser.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { registeredPlatform } from "../support/registered-platform.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { markWeeks } from "../followup/fixtures.js";
import { DATE, makeWorld, type World } from "../planning/timeline-world.js";

/** Three Mondays of a course: Zane Ābola misses all three, Ūna Šķēle comes to all. */
async function seedAttendance(t: TestApp, activityId: number): Promise<void> {
  const db = t.database.db;
  const [activity] = await db.select().from(activities).where(eq(activities.id, activityId));
  const [course] = await db.select().from(courses).where(eq(courses.id, activity!.courseId));
  const courseId = course!.id;
  const student = (userId: string, givenName: string, familyName: string) => ({
    courseId,
    userId,
    name: `${givenName} ${familyName}`,
    givenName,
    familyName,
    isLearner: true,
    roles: ["Learner"],
    email: `${userId}@students.lv`,
  });
  await db.insert(courseMembers).values([student("zane", "Zane", "Ābola"), student("una", "Ūna", "Šķēle")]);
  const actor = { platformId: course!.platformId, courseId, activityId, userId: "3", isLecturer: true } as Actor;
  await markWeeks(db, actor, activityId, new Date("2026-10-05T06:00:00Z"), 3, { absent: "zane", present: "una" });
}

describe("a coordinator follows up a student and watches a study day in Chromium", function () {
  this.timeout(120_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let browser: Browser;
  let world: World;
  before(async () => {
    t = await startTestApp();
    moodle = await registeredPlatform(t);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await moodle?.close();
    await t?.close();
  });

  it("a mentor opens the at-risk list of every course, contacts a student by phone and sees it in the log (lv)", async () => {
    const { context, page, problems } = await openContext(browser, { viewport: { width: 1280, height: 900 } });
    const activity = await launchAdminInBrowser(page, moodle, t.baseUrl, "lv");
    await seedAttendance(t, Number(activity.split("/")[2]));
    await page.goto(`${t.baseUrl}${activity}/followup?scope=platform`);
    const zane = page.locator('tr[data-user="zane"]');
    await expect(await zane.innerText()).to.include("Zane Ābola");
    expect(await page.locator('tr[data-user="una"]').count()).to.equal(0); // present every time: not at risk
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, "followup-at-risk-lv");
    await zane.getByRole("link", { name: "Zane Ābola" }).click();
    await page.getByLabel("tālrunis").check();
    await page.getByLabel("Piezīme").fill("Piezvanīju; solīja nākt pirmdien.");
    await page.getByLabel(/Studentam seko/).fill("14");
    await page.getByRole("button", { name: "Saglabāt", exact: true }).click();
    await page.getByText("Saziņa ierakstīta.").waitFor();
    const log = await page.getByTestId("contacts").innerText();
    expect(log).to.include("Piezvanīju; solīja nākt pirmdien.");
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, "followup-contact-lv");
    const [row] = await t.database.db.select().from(followupContacts).where(eq(followupContacts.userId, "zane"));
    expect(row).to.include({ channel: "phone", note: "Piezvanīju; solīja nākt pirmdien." });
    await page.getByRole("link", { name: /Uz riska sarakstu/ }).click();
    expect(await page.locator('tr[data-user="zane"]').innerText()).to.match(/sazinājās .*Sekošana|sazinājās/);
    expect(problems).to.deep.equal({ consoleErrors: [], offsite: [] });
    await context.close();
  });

  it("the timeline page, the day's live page (a late class first) and the briefing (en)", async () => {
    const { context, page, problems } = await openContext(browser, { viewport: { width: 1280, height: 900 } });
    const activity = await launchAdminInBrowser(page, moodle, t.baseUrl, "en");
    const [course] = await t.database.db.select().from(courses);
    world = await makeWorld(t.database.db, course!.platformId);
    t.clock.set(new Date("2026-10-17T06:14:00Z")); // 9:14 in Riga: class A (9:00) has not started
    try {
      await page.goto(`${t.baseUrl}${activity}/study-days/days/${DATE}/timeline`);
      const steps = await page.locator("[data-testid=timeline] tr[data-step]").count();
      expect(steps).to.be.greaterThan(5);
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, "timeline-en");
      await page.getByTestId("live-link").click();
      const rows = page.locator("[data-testid=live] tr[data-class]");
      expect(await rows.first().getAttribute("data-class")).to.equal(String(world.classes.a));
      expect(await rows.first().getAttribute("data-state")).to.equal("late");
      expect(await rows.first().innerText()).to.include("Ilze Ozoliņa");
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, "timeline-live-en");
      await page.goto(`${t.baseUrl}${activity}/study-days/days/${DATE}/briefing`);
      expect(await page.getByTestId("briefing-summary").innerText()).to.include("3 classes with open problems");
      expect(await accessibilityProblems(page)).to.deep.equal([]);
      await screenshot(page, "timeline-briefing-en");
      expect(problems).to.deep.equal({ consoleErrors: [], offsite: [] });
    } finally {
      t.clock.set(null);
      await context.close();
    }
  });
});
