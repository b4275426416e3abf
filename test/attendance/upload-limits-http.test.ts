import { expect } from "chai";
import request from "supertest";
import { attendanceSessions } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { sharedStringBomb } from "../support/zip-writer.js";
import { launchAs, type Launched } from "./launch.js";

describe(`a zip-bomb XLSX upload (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let bomb: Buffer;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    bomb = await sharedStringBomb(400); // 400 MB of one shared string in a file of about 400 KB
  });

  const upload = (l: Launched) =>
    l.agent
      .post(`/activities/${l.activityId}/attendance/sessions/import`)
      .field("_csrf", l.csrf)
      .attach("file", bomb, "nodarbibas.xlsx")
      .redirects(0);

  /** The slowest /healthz answer while `work` runs, asked every 25 ms. */
  async function slowestHealthz(work: Promise<unknown>): Promise<number> {
    let done = false;
    let slowest = 0;
    const polling = (async () => {
      while (!done) {
        const started = Date.now();
        await request(t.baseUrl).get("/healthz").expect(200);
        slowest = Math.max(slowest, Date.now() - started);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    await work.finally(() => (done = true));
    await polling;
    return slowest;
  }

  it("costs its uploader a clear message at once, in English and Latvian, and saves nothing", async () => {
    const english = await launchAs(t, moodle, "instructor");
    const latvian = await launchAs(t, moodle, "instructor", {}, "lv");
    const started = Date.now();
    const en = await upload(english).expect(400);
    expect(Date.now() - started).to.be.below(3000);
    expect(textOf(en.text)).to.include("This file unpacks to far more than a spreadsheet holds (over 64 MB");
    const lv = await upload(latvian).expect(400);
    expect(textOf(lv.text)).to.include("Šis fails izpakojas daudz lielāks, nekā ir izklājlapa");
    expect(await t.database.db.select().from(attendanceSessions)).to.have.length(0);
  });

  it("costs nobody else anything: eight at once, and /healthz answers throughout", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    const started = Date.now();
    const uploads = Promise.all(Array.from({ length: 8 }, () => upload(lecturer).expect(400)));
    const slowest = await slowestHealthz(uploads);
    expect(Date.now() - started).to.be.below(5000);
    expect(slowest).to.be.below(1000);
    for (const res of await uploads) expect(textOf(res.text)).to.include("This file unpacks to far more");
  });
});
