import { expect } from "chai";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { launchAs, postForm, type Launched } from "../attendance/launch.js";
import { launchChromium, openContext, screenshot } from "../support/browser.js";
import { useLaunchCookies } from "../support/launch-cookies.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";

/** Each row's height and whether its status buttons sit on one line, inside the viewport. */
interface RowBox {
  user: string;
  height: number;
  lines: number;
  buttons: number;
  narrowest: number;
  lowest: number;
  right: number;
}

describe("the register's status buttons stay one line per student (1366 px) and are usable on a phone", function () {
  this.timeout(120_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let browser: Browser;
  let lecturer: Launched;
  let register: string;
  let setId: number;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    moodle.addMember({ user_id: "40", given_name: "Anna-Marija Ērika", family_name: "Ābele-Ķēniņa" });
    moodle.addMember({ user_id: "41", given_name: "Ūna", family_name: "Šmite" });
    lecturer = await launchAs(t, moodle, "instructor", {}, "lv");
    await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/sessions`, {
      date: "2025-10-01",
      startTime: "09:00",
      endTime: "10:30",
    }).expect(303);
    const [s] = await t.database.db.select().from(attendanceSessions);
    register = `${t.baseUrl}/activities/${lecturer.activityId}/attendance/sessions/${s!.id}`;
    setId = s!.setId;
    browser = await launchChromium();
  });
  after(() => browser?.close());

  const measure = async (width: number, height: number, name: string): Promise<{ rows: RowBox[]; page: number }> => {
    const { context, page } = await openContext(browser, { viewport: { width, height }, locale: "lv-LV" });
    await useLaunchCookies(context, lecturer.agent, t.baseUrl);
    await page.goto(register);
    await screenshot(page, name);
    const rows = await page.locator("tr[data-user]").evaluateAll((trs) =>
      trs.map((tr) => {
        const labels = [...tr.querySelectorAll<HTMLElement>("fieldset label.btn")].map((l) =>
          l.getBoundingClientRect(),
        );
        return {
          user: (tr as HTMLElement).dataset.user!,
          height: Math.round(tr.getBoundingClientRect().height),
          lines: new Set(labels.map((b) => Math.round(b.top))).size,
          buttons: labels.length,
          narrowest: Math.min(...labels.map((b) => Math.min(b.width, b.height))),
          lowest: Math.max(...labels.map((b) => b.height)),
          right: Math.max(...labels.map((b) => b.right)),
        };
      }),
    );
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    await context.close();
    return { rows, page: pageWidth };
  };

  const addStatuses = async (acronyms: string[]) => {
    for (const [i, acronym] of acronyms.entries())
      await t.database.db
        .insert(attendanceStatuses)
        .values({ setId, acronym, description: `Statuss ${acronym}`, points: 1, position: 10 + i });
  };

  for (const [count, extra] of [
    [4, []],
    [5, ["D"]],
    [6, ["D", "Sl"]],
  ] as const) {
    it(`keeps every student on one line at 1366×900 with ${count} statuses, and fits a 390×844 phone`, async () => {
      await addStatuses(extra.slice(count === 6 ? 1 : 0));
      const visible = await t.database.db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, setId));
      expect(visible).to.have.length(count);
      const desk = await measure(1366, 900, `register-1366-${count}-statuses`);
      expect(desk.rows).to.have.length(8);
      for (const r of desk.rows) {
        expect(r.buttons, r.user).to.equal(count);
        expect(r.lines, `row ${r.user}: status buttons on ${r.lines} lines`).to.equal(1);
        expect(r.height, `row ${r.user} is ${r.height} px high`).to.be.at.most(60);
      }
      expect(desk.page).to.be.at.most(1366);
      const phone = await measure(390, 844, `register-phone-${count}-statuses`);
      for (const r of phone.rows) {
        expect(r.lines, `phone row ${r.user}: status buttons on ${r.lines} lines`).to.equal(1);
        expect(r.narrowest, `phone row ${r.user}: a button ${r.narrowest} px small`).to.be.at.least(40);
        expect(r.right, `phone row ${r.user} goes off screen`).to.be.at.most(390);
        expect(r.height, `phone row ${r.user} is ${r.height} px high`).to.be.at.most(170);
      }
      expect(phone.page, "the phone page scrolls sideways").to.be.at.most(390);
    });
  }
});
