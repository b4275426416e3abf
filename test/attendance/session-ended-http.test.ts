import { expect } from "chai";
import { CookieAccessInfo } from "cookiejar";
import { eq } from "drizzle-orm";
import request from "supertest";
import { appSessions, attendanceMarks, attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs, postForm, type Launched } from "./launch.js";

/** The cookies a launched agent holds, by name. */
export function cookiesOf(l: Launched): Record<string, string> {
  const jar = (l.agent as unknown as { jar: { getCookies(a: CookieAccessInfo): { name: string; value: string }[] } })
    .jar;
  return Object.fromEntries(jar.getCookies(CookieAccessInfo.All).map((c) => [c.name, c.value]));
}

describe(`a register whose launch ended tells the truth (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  let page: string;
  let row: Record<string, string>;
  withRegisteredApp((app) => ({ t, moodle } = app));
  beforeEach(async () => {
    await t.database.db.delete(appSessions);
    lecturer = await launchAs(t, moodle, "instructor");
    if (!page) {
      await postForm(lecturer, `/activities/${lecturer.activityId}/attendance/sessions`, {
        date: "2025-10-01",
        startTime: "09:00",
        endTime: "10:30",
      }).expect(303);
      const [s] = await t.database.db.select().from(attendanceSessions);
      page = `/activities/${lecturer.activityId}/attendance/sessions/${s!.id}`;
      const [p] = await t.database.db.select().from(attendanceStatuses).where(eq(attendanceStatuses.acronym, "P"));
      row = { s_4: String(p!.id), o_4: "", r_4: "", or_4: "" };
    }
  });
  const expire = () => t.database.db.update(appSessions).set({ expiresAt: new Date(Date.now() - 1000) });
  /** A post from this browser after it dropped the token cookie (a restarted browser, a cleared session cookie). */
  const withoutTokenCookie = (path: string, locale = "en") =>
    request(t.baseUrl)
      .post(path)
      .set("Cookie", `rb_browser=${cookiesOf(lecturer).rb_browser}`)
      .set("Accept-Language", locale)
      .type("form")
      .send({ _csrf: lecturer.csrf, ...row })
      .redirects(0);

  it("answers an autosave after the session ended with 401 session_expired and the advice to relaunch", async () => {
    await expire();
    const res = await lecturer.agent
      .post(`${page}/marks`)
      .set("Accept", "application/json")
      .set("Accept-Language", "en-GB,en;q=0.8")
      .type("form")
      .send({ _csrf: lecturer.csrf, ...row })
      .expect(401);
    expect(res.body.error.code).to.equal("session_expired");
    expect(res.body.error.message).to.equal("Your session has ended.");
    expect(res.body.error.hint).to.equal("Open the activity again from your Moodle course.");
    expect(await t.database.db.select().from(attendanceMarks)).to.deep.equal([]);
  });

  it("says the session ended, not that the form is old, when the token cookie went with it", async () => {
    await expire();
    const json = await withoutTokenCookie(`${page}/marks`).set("Accept", "application/json").expect(401);
    expect(json.body.error.code).to.equal("session_expired");
    const html = await withoutTokenCookie(`${page}/marks`).expect(401);
    expect(textOf(html.text)).to.include("Your session has ended.");
    expect(textOf(html.text)).to.include("Open the activity again from your Moodle course.");
    expect(textOf(html.text)).not.to.include("out of date");
    const lv = await withoutTokenCookie(`${page}/marks`, "lv").expect(401);
    expect(textOf(lv.text)).to.include("Jūsu sesija ir beigusies.");
    expect(textOf(lv.text)).to.include("Atveriet aktivitāti vēlreiz no Moodle kursa.");
    expect(await t.database.db.select().from(attendanceMarks)).to.deep.equal([]);
  });

  it("still refuses a missing token as an old form while the session lives", async () => {
    const res = await withoutTokenCookie(`${page}/marks`).set("Accept", "application/json").expect(403);
    expect(res.body.error.code).to.equal("forbidden");
    expect(res.body.error.message).to.equal("The form is out of date or was opened in another window.");
  });
});
