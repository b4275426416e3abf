import { expect } from "chai";
import { checkinPending } from "../../src/db/schema.js";
import type { Launched } from "../attendance/launch.js";
import { readForm } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { at, freshPhone, launchAs, marksOf, pathOf, projector, sessionWithCheckin } from "./http-helpers.js";

const CHROME =
  "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";

describe(`the scanned link and link previews (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    t.clock.set(at(-30));
    lecturer = await launchAs(t, moodle, "instructor");
  });
  afterEach(() => t.clock.set(at(-30)));

  it("writes nothing for a browser prefetch or a chat app's preview of a signed-in student's link, and asks for one tap", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer);
    const student = await launchAs(t, moodle, "learner", { sub: "5" });
    t.clock.set(at(2));
    const link = pathOf((await projector(lecturer, sessionId)).url);
    const fetches: Record<string, string>[] = [
      { "Sec-Purpose": "prefetch", "User-Agent": CHROME },
      { "Sec-Purpose": "prefetch;prerender", "User-Agent": CHROME },
      { Purpose: "prefetch", "User-Agent": CHROME },
      { "User-Agent": "WhatsApp/2.24.6.77 A" },
      { "User-Agent": "TelegramBot (like TwitterBot)" },
      { "User-Agent": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)" },
      { "User-Agent": CHROME, "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image" },
    ];
    for (const headers of fetches) {
      const page = await student.agent
        .get(link)
        .set({ ...headers, "Accept-Language": "en-GB,en;q=0.8" })
        .redirects(0)
        .expect(200);
      expect(page.headers["cache-control"], JSON.stringify(headers)).to.equal("no-store");
      expect(page.text).to.contain("Check me in");
      expect(await marksOf(t, sessionId), JSON.stringify(headers)).to.have.length(0);
    }
    // The student taps the button: a same-origin POST with the page's CSRF token checks in.
    const page = await student.agent
      .get(link)
      .set({ "User-Agent": "WhatsApp/2.24.6.77 A", "Accept-Language": "en" })
      .expect(200);
    const form = readForm(page.text);
    expect(form.action).to.equal(link);
    const done = await student.agent.post(form.action).type("form").send(form.fields).expect(200);
    expect(done.text).to.contain("You are checked in");
    expect((await marksOf(t, sessionId)).map((m) => [m.userId, m.by])).to.deep.equal([["5", "self"]]);
  });

  it("a person's tap on the link still checks in at once; a preview of a signed-out phone holds nothing", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer);
    const student = await launchAs(t, moodle, "learner", { sub: "6" });
    t.clock.set(at(3));
    const link = pathOf((await projector(lecturer, sessionId)).url);
    const preview = freshPhone(t);
    await preview
      .get(link)
      .set({ "User-Agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" })
      .expect(200);
    expect(await t.database.db.select().from(checkinPending)).to.have.length(0);
    const opened = await student.agent
      .get(link)
      .set({
        "User-Agent": CHROME,
        "Sec-Fetch-Mode": "navigate",
        "Sec-Fetch-Dest": "document",
        "Sec-Fetch-Site": "none",
      })
      .expect(200);
    expect(opened.text).to.contain("You are checked in");
    expect((await marksOf(t, sessionId)).map((m) => m.userId)).to.deep.equal(["6"]);
  });

  it("refuses the tap's POST without the page's CSRF token, writing no mark", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer);
    const student = await launchAs(t, moodle, "learner", { sub: "7" });
    t.clock.set(at(4));
    const link = pathOf((await projector(lecturer, sessionId)).url);
    const res = await student.agent.post(link).type("form").send({}).redirects(0);
    expect(res.status).to.be.oneOf([403, 419]);
    expect(await marksOf(t, sessionId)).to.have.length(0);
  });

  it("shows the confirmation page in Latvian to a Latvian phone", async () => {
    const sessionId = await sessionWithCheckin(t, lecturer);
    t.clock.set(at(5));
    const link = pathOf((await projector(lecturer, sessionId)).url);
    const page = await freshPhone(t).get(link).set({ "Sec-Purpose": "prefetch", "Accept-Language": "lv" }).expect(200);
    expect(page.text).to.contain("Reģistrēt manu apmeklējumu");
  });
});
