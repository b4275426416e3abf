import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { chromiumPath } from "../../src/env.js";
import type { TestPlatform } from "./lti-platform.js";

/** Where browser tests leave screenshots (gitignored). */
export const RESULTS_DIR = join(process.cwd(), "test-results");

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's Chromium (never a downloaded browser), headless, with a fresh temporary profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ARGS });
}

/** What a page did wrong while a test drove it: console errors, uncaught exceptions, requests that left loopback. */
export interface PageProblems {
  consoleErrors: string[];
  offsite: string[];
}

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

/**
 * A new browser context with its own cookies; every console error and uncaught exception is recorded, and any
 * http(s) request that would leave loopback is aborted and recorded (no test reaches the network).
 */
export async function openContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ locale: "lv-LV", ...options });
  const problems: PageProblems = { consoleErrors: [], offsite: [] };
  await context.route(
    (url) => /^https?:/.test(url.protocol) && !LOOPBACK.test(url.href),
    (route) => {
      problems.offsite.push(route.request().url());
      return route.abort();
    },
  );
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => problems.consoleErrors.push(`uncaught: ${err.message}`));
  return { context, page, problems };
}

/** Saves a full-page screenshot under test-results/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * A real LTI launch as the test Moodle's administrator, driven by the browser (login initiation as Moodle posts it,
 * auth.php, the id_token form post) in `locale` inside an iframe; resolves with the activity's path
 * (`/activities/<id>`) once the tool's page is open.
 */
export async function launchAdminInBrowser(
  page: Page,
  platform: TestPlatform,
  toolUrl: string,
  locale: "lv" | "en",
): Promise<string> {
  const login = platform.prepareLaunch("admin", {
    "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale, document_target: "iframe" },
  });
  const inputs = Object.entries(login)
    .map(([k, v]) => `<input type="hidden" name="${k}" value='${v.replace(/'/g, "&#39;")}'>`)
    .join("");
  await page.setContent(`<form id="f" method="post" action="${toolUrl}/lti/login">${inputs}<button>go</button></form>`);
  await Promise.all([page.waitForURL(/\/activities\/\d+/, { timeout: 30_000 }), page.click("button")]);
  return new URL(page.url()).pathname.replace(/^(\/activities\/\d+).*$/, "$1");
}
