import { expect } from "chai";
import type { Browser } from "playwright-core";
import { launchChromium, openContext } from "../support/browser.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

describe("Secure cookies over http://127.0.0.1 in Chromium (LOCALHOST_SECURE_COOKIES on, the default)", function () {
  this.timeout(60_000);
  let t: TestApp;
  let browser: Browser;
  before(async () => {
    t = await startTestApp({ DEMO_ENABLED: "true", LOCALHOST_SECURE_COOKIES: "true" });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it("keeps and sends back Secure; SameSite=None cookies, so the whole LTI launch goes through", async () => {
    const { context, page } = await openContext(browser);
    await page.goto(`${t.baseUrl}/`);
    await Promise.all([
      page.waitForURL(/\/activities\/\d+$/, { timeout: 30_000 }),
      page.getByRole("button", { name: "Atvērt kā pasniedzējam" }).click(),
    ]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).to.equal("Apmeklējums");
    const cookies = await context.cookies(t.baseUrl);
    const browserId = cookies.find((c) => c.name === "rb_browser");
    expect(browserId).to.deep.include({ secure: true, sameSite: "None", httpOnly: true });
    const lti = cookies.filter((c) => c.name.startsWith("lti"));
    expect(lti.map((c) => [c.secure, c.sameSite])).to.deep.equal([[true, "None"]]);
    await context.close();
  });
});
