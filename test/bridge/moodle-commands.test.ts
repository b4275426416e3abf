import { expect } from "chai";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { runMoodleCommand } from "../../src/bridge/moodle-commands.js";
import { courses } from "../../src/db/schema.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { callsOf, removeFromService } from "./fake-moodle-helpers.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";
const NOW = new Date("2026-11-23T10:00:00Z");

describe(`rollbook moodle:connect and moodle:check (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let fake: FakeMoodle;
  const run = (command: "moodle:connect" | "moodle:check", o: Record<string, string>) =>
    runMoodleCommand(command, database.db, KEY, ["p1"], { lang: "en", ...o }, NOW);

  before(async () => {
    database = await createTestDatabase();
    fake = await startFakeMoodle();
    await database.db.insert(courses).values({ platformId: "p1", contextId: "2", title: "BK101" });
  });
  after(async () => {
    await fake.close();
    await database.destroy();
  });

  it("stores the connection and prints only the token's last characters", async () => {
    const out = await run("moodle:connect", { platform: "p1", url: fake.baseUrl, token: fake.token });
    expect(out.output).to.include(`${fake.baseUrl}  token ••••${fake.token.slice(-4)}`);
    expect(out.output).not.to.include(fake.token);
  });

  it("refuses an unregistered platform and a bad URL", async () => {
    let message = "";
    await run("moodle:connect", { platform: "p9", url: fake.baseUrl, token: fake.token }).catch(
      (e: Error) => (message = e.message),
    );
    expect(message).to.equal("No registered platform with id p9 (see platform:list)");
    await run("moodle:connect", { platform: "p1", url: "not a url", token: fake.token }).catch(
      (e: Error) => (message = e.message),
    );
    expect(message).to.include("baseUrl: Enter a full address");
  });

  it("checks in the platform's course and fails (exit code) naming a missing function", async () => {
    const ok = await run("moodle:check", { platform: "p1" });
    expect(ok.ok, ok.output).to.equal(true);
    expect(callsOf(fake, "core_group_get_course_groups")[0]?.form.courseid).to.equal("2");
    removeFromService(fake, "mod_forum_add_discussion", "core_files_upload");
    const bad = await run("moodle:check", { platform: "p1", lang: "lv" });
    expect(bad.ok).to.equal(false);
    expect(bad.output).to.include(
      "ERR Ārējā pakalpojumā trūkst 2 funkciju, kas vajadzīgas Rollbook: mod_forum_add_discussion, core_files_upload.",
    );
  });
});
