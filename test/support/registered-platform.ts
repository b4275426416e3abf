import { addPlatform } from "../../src/registration/add-platform.js";
import { startTestPlatform, type TestPlatform } from "./lti-platform.js";
import { startTestApp, type TestApp } from "./test-app.js";

/** A test Moodle registered in the tool by hand (like `rollbook platform:add`), with its real URLs. */
export async function registeredPlatform(t: TestApp, opts: { active?: boolean } = {}): Promise<TestPlatform> {
  const platform = await startTestPlatform({ toolUrl: t.baseUrl });
  await addPlatform(t.lti, {
    name: "Test Moodle",
    issuer: platform.issuer,
    clientId: platform.clientId,
    authEndpoint: platform.authEndpoint,
    tokenEndpoint: platform.tokenEndpoint,
    jwksUrl: platform.jwksUrl,
    active: opts.active ?? true,
  });
  return platform;
}

/**
 * The usual HTTP test setup as mocha hooks: before the suite, the app over a fresh database with the test Moodle
 * registered (handed to `take`); after it, both closed. Call it in a `describe` before the suite's own hooks.
 */
export function withRegisteredApp(
  take: (app: { t: TestApp; moodle: TestPlatform }) => void,
  vars?: Record<string, string>,
): void {
  let app: { t: TestApp; moodle: TestPlatform } | undefined;
  before(async () => {
    const t = await startTestApp(vars);
    app = { t, moodle: await registeredPlatform(t) };
    take(app);
  });
  after(async () => {
    await app?.moodle.close();
    await app?.t.close();
  });
}
