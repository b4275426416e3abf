import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "chai";
import type { Browser } from "playwright-core";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import { courses, planningSettings, studyClasses, zoomHosts } from "../../src/db/schema.js";
import { DEFAULT_SLOTS } from "../../src/planning/slots.js";
import { accessibilityProblems, tabReachability } from "../support/a11y.js";
import { launchChromium, openContext, RESULTS_DIR, screenshot, launchAdminInBrowser } from "../support/browser.js";
import { startFakeZoom, type FakeZoom } from "../support/fake-zoom.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { pdfText } from "../support/pdf-text.js";
import { registeredPlatform } from "../support/registered-platform.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { publishingWorld } from "../planning/publish-fake-moodle.js";
import { scheduleBytes } from "../planning/fixtures.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";

/** A coordinator's semester schedule: two online classes in slot 1, one in slot 2, one on site. */
const SCHEDULE = scheduleBytes(
  "17.10.2026;1;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BVK-21;tiešsaistē;",
  "17.10.2026;1;;;EK201;Ekonomika;Jānis Bērziņš;janis@example.lv;EK-2;tiešsaistē;",
  "17.10.2026;2;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;ilze@example.lv;BVK-22;tiešsaistē;",
  "17.10.2026;2;;;EK201;Ekonomika;Jānis Bērziņš;janis@example.lv;EK-2;klātienē;204",
);

describe("a coordinator plans and publishes a study day in Chromium", function () {
  this.timeout(120_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let zoom: FakeZoom;
  let fake: FakeMoodle;
  let browser: Browser;
  before(async () => {
    zoom = await startFakeZoom();
    fake = await startFakeMoodle();
    publishingWorld(fake);
    t = await startTestApp({
      ZOOM_ACCOUNT_ID: zoom.credentials.accountId,
      ZOOM_CLIENT_ID: zoom.credentials.clientId,
      ZOOM_CLIENT_SECRET: zoom.credentials.clientSecret,
      ZOOM_API_URL: zoom.apiUrl,
      ZOOM_OAUTH_URL: zoom.oauthUrl,
    });
    moodle = await registeredPlatform(t);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await moodle?.close();
    await t?.close();
    await fake?.close();
    await zoom?.close();
  });

  /** Settings a coordinator would have made: one Zoom account (Pro) and the information course. */
  async function configurePlatform(): Promise<void> {
    const [course] = await t.database.db.select().from(courses);
    const platformId = course!.platformId;
    await t.database.db
      .insert(planningSettings)
      .values({ platformId, slots: [...DEFAULT_SLOTS], infoCourseRef: "INFO" });
    await t.database.db.insert(zoomHosts).values({ platformId, email: "zoom1@example.lv", concurrency: 1 });
  }

  /** The platform's Moodle web-service connection (made after the import: the import would refuse EK201, unknown to Moodle). */
  async function connectMoodle(): Promise<void> {
    const [course] = await t.database.db.select().from(courses);
    await saveConnection(
      t.database.db,
      KEY,
      course!.platformId,
      { baseUrl: fake.baseUrl, token: fake.token },
      "2",
      new Date(),
    );
  }

  it("imports a schedule, assigns Zoom, downloads the PDF, publishes and shows the result per class", async () => {
    const { context, page, problems } = await openContext(browser);
    const activity = await launchAdminInBrowser(page, moodle, t.baseUrl, "lv");
    await configurePlatform();

    await page.goto(`${t.baseUrl}${activity}/study-days`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).to.equal("Studiju dienas");
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await page
      .getByLabel("Grafika fails (XLSX vai CSV)")
      .setInputFiles({ name: "grafiks.csv", mimeType: "text/csv", buffer: Buffer.from(SCHEDULE) });
    await Promise.all([page.waitForURL(/imported=/), page.getByRole("button", { name: "Importēt" }).click()]);
    expect(await page.getByRole("status").innerText()).to.equal(
      "Grafiks importēts: 4 jaunas, 0 mainītas, 0 bez izmaiņām.",
    );
    expect(await t.database.db.$count(studyClasses)).to.equal(4);
    await connectMoodle();

    await Promise.all([
      page.waitForURL(/\/days\/2026-10-17$/),
      page.getByRole("link", { name: "sestdiena, 17.10.2026" }).click(),
    ]);
    const online = page.getByTestId("plan-online");
    expect(await online.locator("tbody tr").count()).to.equal(3);
    expect(await online.locator("tbody tr").first().innerText()).to.match(
      /09:00–12:00\s+BK101 Biznesa komunikācija\s+Ilze Ozoliņa\s+BVK-21\s+nav piešķirts/,
    );
    expect(await page.getByTestId("plan-onsite").locator("tbody tr").innerText()).to.match(
      /12:45–15:45\s+EK201 Ekonomika\s+204\s+Jānis Bērziņš/,
    );

    await Promise.all([
      page.waitForURL(/zoom=/),
      page.getByRole("button", { name: "Piešķirt Zoom kontus un izveidot sapulces" }).click(),
    ]);
    expect(await page.getByRole("status").first().innerText()).to.equal(
      "Zoom: sapulces kārtībā 2, neizdevās 0, bez konta 1.",
    );
    expect(await page.getByTestId("zoom-waiting").innerText()).to.include("09:00–12:00 EK201 Ekonomika (EK-2)");
    expect(zoom.meetings.size).to.equal(2);
    const firstMeeting = [...zoom.meetings.values()][0]!;
    expect(await online.getByRole("link", { name: "Pievienoties" }).first().getAttribute("href")).to.equal(
      firstMeeting.join_url,
    );
    expect(await online.innerText()).to.include(firstMeeting.password);
    await screenshot(page, "study-day-plan");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Lejupielādēt PDF" }).click(),
    ]);
    const pdfPath = join(RESULTS_DIR, "study-day-2026-10-17.pdf");
    await download.saveAs(pdfPath);
    expect(download.suggestedFilename()).to.equal("studiju-diena-2026-10-17.pdf");
    const text = pdfText(await readFile(pdfPath));
    expect(text, text).to.include("Studiju dienas plāns");
    expect(text, text).to.include("Ilze Ozoliņa");
    expect(text, text).to.include("Jānis Bērziņš");
    expect(text).to.include(firstMeeting.password);

    await Promise.all([
      page.waitForURL(/published=/),
      page.getByRole("button", { name: "Publicēt Moodle", exact: true }).click(),
    ]);
    await screenshot(page, "study-day-published");
    expect(await page.getByTestId("publish-result").innerText()).to.include("Publicēts 2 no 3; neizdevās: 1.");
    expect(await page.getByTestId("publish-result").innerText()).to.include(
      "Dienas plāns ievietots informācijas kursa paziņojumos.",
    );
    const rows = online.locator("tbody tr");
    expect(await rows.nth(0).innerText()).to.include("publicēta");
    expect(await rows.nth(1).innerText()).to.match(/neizdevās[\s\S]*EK201/);
    expect(await page.getByRole("button", { name: "Publicēt vēlreiz neizdevušās" }).count()).to.equal(1);
    expect(fake.calls.filter((c) => c.wsfunction === "core_calendar_create_calendar_events")).to.have.length(2);
    await screenshot(page, "study-day-published");

    expect(await accessibilityProblems(page)).to.deep.equal([]);
    const tabs = await tabReachability(page);
    expect(tabs.unreached).to.deep.equal([]);

    await Promise.all([
      page.waitForURL(/\/classes\/\d+$/),
      page.getByRole("link", { name: "Labot — BK101, 09:00–12:00" }).click(),
    ]);
    expect(await page.getByLabel("Pasniedzēja e-pasts").inputValue()).to.equal("ilze@example.lv");
    expect(await page.getByRole("region", { name: "Izmaiņu vēsture" }).innerText()).to.match(/Admin User · importēta$/);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    await screenshot(page, "study-day-class-edit");
    await page.goto(`${t.baseUrl}${activity}/study-days/settings`);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    expect((await tabReachability(page)).unreached).to.deep.equal([]);
    await screenshot(page, "study-day-settings");
    expect(problems.consoleErrors, problems.consoleErrors.join("\n")).to.deep.equal([]);
    await page.getByLabel("Laika josla").fill("Mēness/Bāze");
    await page.getByRole("button", { name: "Saglabāt", exact: true }).click();
    const zone = page.getByLabel("Laika josla");
    expect(await zone.getAttribute("aria-invalid")).to.equal("true");
    const description = await zone.evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
        .join(" "),
    );
    expect(description)
      .to.equal((await page.locator(".invalid-feedback").first().innerText()).trim())
      .and.not.equal("");
    expect(await zone.inputValue()).to.equal("Mēness/Bāze");
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    expect(problems.consoleErrors, "only the refused form's 400").to.deep.equal([
      "Failed to load resource: the server responded with a status of 400 (Bad Request)",
    ]);
    expect(problems.offsite).to.deep.equal([]);
    await context.close();
  });
});
