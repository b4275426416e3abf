import { addPlatform } from "../../src/registration/add-platform.js";
import { startTestPlatform, type TestPlatform } from "./lti-platform.js";
import type { TestApp } from "./test-app.js";

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
