import { expect } from "chai";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { excuseFiles, excuses } from "../../src/db/schema.js";
import { addSession, launchAs, lecturerActor, NOW } from "../excuses/fixtures.js";
import { accessibilityProblems, axeViolations } from "../support/a11y.js";
import { launchChromium, openContext, screenshot } from "../support/browser.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const lv = { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale: "lv" } };

describe("reporting an absence on a phone (Chromium, 390×844)", function () {
  this.timeout(90_000);
  let t: TestApp;
  let moodle: TestPlatform;
  let browser: Browser;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    browser = await launchChromium();
    t.clock.set(NOW);
  });
  after(async () => {
    t.clock.set(null);
    await browser?.close();
  });

  it("refuses a too large photo on the phone before uploading, then sends the request with a small file", async () => {
    const lecturer = await launchAs(t, moodle, "instructor", "lv");
    const sessionId = await addSession(t, await lecturerActor(t, lecturer.activityId), "2026-11-05", "Seminārs");
    const { context, page, problems } = await openContext(browser, PHONE);
    const login = `${t.baseUrl}/lti/login?${new URLSearchParams({ ...moodle.prepareLaunch("learner", { sub: "4", ...lv }) })}`;
    await Promise.all([page.waitForURL(/\/activities\/\d+\/me$/, { timeout: 30_000 }), page.goto(login)]);

    await page.getByTestId("report-absence").click();
    await page.waitForURL(/\/excuses\/me$/);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).to.equal("Ziņot par kavējumu");
    await page.getByLabel("Nodarbība").selectOption(String(sessionId));
    await page.getByLabel("Iemesls").fill("Ārsta vizīte, izziņa pielikumā.");
    const file = page.getByLabel("Apliecinošs dokuments (nav obligāts)");
    await file.setInputFiles({ name: "foto.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
    expect(await page.getByTestId("file-error").innerText()).to.include("Fails ir lielāks par 5 MB.");
    await page.getByRole("button", { name: "Nosūtīt pieprasījumu" }).click();
    expect(page.url()).to.match(/\/excuses\/me$/); // not sent: still the form, the reason still typed
    expect(await page.getByLabel("Iemesls").inputValue()).to.equal("Ārsta vizīte, izziņa pielikumā.");
    expect(await t.database.db.select().from(excuses)).to.have.length(0);

    await file.setInputFiles({ name: "izziņa.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 x") });
    expect(await file.getAttribute("class")).not.to.include("is-invalid");
    await Promise.all([
      page.waitForURL(/done=sent$/),
      page.getByRole("button", { name: "Nosūtīt pieprasījumu" }).click(),
    ]);
    expect(await page.getByTestId("done").innerText()).to.include("Pieprasījums nosūtīts.");
    const [row] = await t.database.db.select().from(excuses);
    expect(row).to.include({ sessionId, userId: "4", state: "waiting", reason: "Ārsta vizīte, izziņa pielikumā." });
    const [saved] = await t.database.db.select().from(excuseFiles).where(eq(excuseFiles.excuseId, row!.id));
    expect(saved).to.include({ fileName: "izziņa.pdf", size: 10 });
    expect(await page.getByTestId(`state-${row!.id}`).innerText()).to.equal("Gaida lēmumu");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    expect(await accessibilityProblems(page)).to.deep.equal([]);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, "excuse-phone-sent");
    expect(problems.consoleErrors, problems.consoleErrors.join("\n")).to.deep.equal([]);
    expect(problems.offsite).to.deep.equal([]);
    await context.close();
  });
});
