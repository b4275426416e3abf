import { expect } from "chai";
import { eq } from "drizzle-orm";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { runConnectionCheck } from "../../src/bridge/run-connection-check.js";
import { getMoodleClient } from "../../src/bridge/get-moodle-client.js";
import { presentReport, reportAsText } from "../../src/bridge/present.js";
import { REQUIRED_FUNCTIONS } from "../../src/bridge/required-functions.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import { openToken } from "../../src/bridge/token-crypto.js";
import { moodleConnections } from "../../src/db/schema.js";
import { translator } from "../../src/i18n/i18n.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { noPermission, removeFromService } from "./fake-moodle-helpers.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";
const NOW = new Date("2026-11-23T10:00:00Z");
const en = translator("en");

describe(`Moodle connection per platform (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let fake: FakeMoodle;
  let platform = 0;
  let platformId = "";
  const db = () => database.db;

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database.destroy());
  beforeEach(async () => {
    fake = await startFakeMoodle();
    platformId = `platform-${++platform}`;
    await saveConnection(db(), KEY, platformId, { baseUrl: fake.baseUrl, token: fake.token }, "2", NOW);
  });
  afterEach(async () => fake.close());

  const check = (moodleCourseId: number | null = 2) =>
    runConnectionCheck(db(), KEY, platformId, { moodleCourseId, now: NOW });

  it("stores the token sealed with AES-GCM, bound to its platform, and hands out a configured client", async () => {
    const [row] = await db().select().from(moodleConnections).where(eq(moodleConnections.platformId, platformId));
    expect(row?.tokenSealed).to.match(/^v1\./);
    expect(row?.tokenSealed).not.to.include(fake.token);
    expect(openToken(KEY, platformId, row?.tokenSealed ?? "")).to.equal(fake.token);
    expect(() => openToken(KEY, "another-platform", row?.tokenSealed ?? "")).to.throw();
    expect(() => openToken("another-key-0123456789-0123456789-xx", platformId, row?.tokenSealed ?? "")).to.throw();
    const client = await getMoodleClient(db(), KEY, platformId);
    expect(client?.baseUrl).to.equal(fake.baseUrl);
    expect(await getMoodleClient(db(), KEY, "not-connected")).to.equal(null);
  });

  it("keeps the stored token when only the URL changes", async () => {
    await saveConnection(db(), KEY, platformId, { baseUrl: `${fake.baseUrl}/`, token: "" }, "2", NOW);
    const report = await check();
    expect(report.failure).to.equal(null);
  });

  it("reports a working connection: site info, all functions in the service, capabilities tried read-only", async () => {
    const report = await check();
    expect(report.ok, JSON.stringify(report, null, 1)).to.equal(true);
    expect(report.site?.sitename).to.equal("Lab Moodle");
    expect(report.missingFunctions).to.deep.equal([]);
    const probed = fake.calls.map((c) => c.wsfunction);
    expect(probed).to.include.members([
      "core_webservice_get_site_info",
      "core_group_get_course_groups",
      "core_enrol_get_enrolled_users",
    ]);
    expect(probed.filter((f) => /create|add|delete|update|send|remove/.test(f ?? ""))).to.deep.equal([]);
    expect(presentReport(report, en).headline.text).to.equal(
      `The connection works: all ${REQUIRED_FUNCTIONS.length} functions Rollbook needs are in the service.`,
    );
    const [row] = await db().select().from(moodleConnections).where(eq(moodleConnections.platformId, platformId));
    expect(row?.lastCheckedAt?.toISOString()).to.equal(NOW.toISOString());
  });

  it("names a function missing from the service and says where in Moodle to add it", async () => {
    removeFromService(fake, "mod_attendance_add_session");
    const report = await check();
    expect(report.ok).to.equal(false);
    expect(report.missingFunctions).to.deep.equal([{ name: "mod_attendance_add_session", area: "attendance" }]);
    const text = reportAsText(report, en);
    expect(text).to.include("The external service lacks 1 function Rollbook needs: mod_attendance_add_session.");
    expect(text).to.include(
      "Site administration > Server > Web services > External services > (Rollbook's service) > Functions > Add functions",
    );
    expect(reportAsText(report, translator("lv"))).to.include(
      "Ārējā pakalpojumā trūkst 1 funkcijas, kas vajadzīga Rollbook: mod_attendance_add_session.",
    );
  });

  it("says the token is unknown to Moodle and how to make a new one", async () => {
    await saveConnection(
      db(),
      KEY,
      platformId,
      { baseUrl: fake.baseUrl, token: "0123456789abcdef0123456789abcdef" },
      "2",
      NOW,
    );
    const report = await check();
    expect(report.failure?.code).to.equal("invalid_token");
    const shown = presentReport(report, en).headline;
    expect(shown.text).to.equal("Moodle does not know this token: it is wrong, expired or revoked.");
    expect(shown.hint).to.include("Manage tokens");
  });

  it("names the permission the token's user lacks, and the capabilities to give its role", async () => {
    fake.setResponse("core_group_get_course_groups", noPermission("Manage groups"));
    const report = await check();
    expect(report.ok).to.equal(false);
    expect(report.capabilityProblems).to.deep.equal([
      {
        function: "core_group_get_course_groups",
        permission: "Manage groups",
        capabilities: ["moodle/course:managegroups"],
      },
    ]);
    const text = reportAsText(report, en);
    expect(text).to.include('core_group_get_course_groups: the token\'s user lacks the permission "Manage groups".');
    expect(text).to.include("- moodle/course:managegroups");
  });

  it("tells an unreachable Moodle from one that answers with an HTML page", async () => {
    fake.simulate.htmlErrorPage = 503;
    expect((await check()).failure?.code).to.equal("not_moodle");
    fake.simulate.htmlErrorPage = false;
    await fake.setPortClosed(true);
    const report = await check();
    expect(report.failure?.code).to.equal("unreachable");
    expect(presentReport(report, en).headline.text).to.equal(`Moodle could not be reached at ${fake.baseUrl}.`);
  });

  it("has a sentence in both languages for every failure and area", () => {
    for (const locale of ["lv", "en"] as const) {
      const t = translator(locale);
      for (const code of [
        "invalid_token",
        "site_info_not_in_service",
        "unreachable",
        "timeout",
        "not_moodle",
        "moodle_error",
      ]) {
        expect(t(`bridge.failure.${code}`)).not.to.include("bridge.");
        expect(t(`bridge.failure.${code}_hint`)).not.to.include("bridge.");
      }
      for (const r of REQUIRED_FUNCTIONS) expect(t(`bridge.area.${r.area}`)).not.to.include("bridge.");
    }
  });
});
