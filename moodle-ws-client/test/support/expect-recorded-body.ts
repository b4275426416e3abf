import { expect } from "chai";
import type { FakeMoodle } from "./fake-moodle.js";

/** Asserts the fake's last REST call carried byte for byte the body recorded in fixture `name`. */
export function expectRecordedBody(fake: FakeMoodle, name: string, token: string = fake.token): void {
  const recorded = fake.fixtures.get(name)?.requestBody;
  if (!recorded) throw new Error(`fixture ${name} has no request_body`);
  const last = fake.calls.at(-1);
  expect(last?.rawBody).to.equal(recorded.replace("wstoken=TOKEN", `wstoken=${token}`));
}
