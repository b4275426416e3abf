import { expect } from "chai";
import { eq } from "drizzle-orm";
import { readLink, signLink } from "../../src/checkin/checkin-link.js";
import { verifyCode } from "../../src/checkin/codes.js";
import { checkinAttempts } from "../../src/db/schema.js";
import type { Launched } from "../attendance/launch.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestPlatform } from "../support/lti-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { at, launchAs, marksOf, pathOf, projector, sessionWithCheckin } from "./http-helpers.js";

describe(`check-in links for any password the form accepts (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    t.clock.set(at(-30));
    lecturer = await launchAs(t, moodle, "instructor");
  });
  afterEach(() => t.clock.set(at(-30)));

  for (const [password, sub] of [
    ["Saule 7", "5"],
    ["Rīga", "6"],
    ["Ķēķis ūdens", "7"],
  ] as const)
    it(`checks in through the scanned link of a static QR with the password "${password}", nothing logged as tampered`, async () => {
      const sessionId = await sessionWithCheckin(t, lecturer, { method: "static_qr", password });
      const student = await launchAs(t, moodle, "learner", { sub });
      t.clock.set(at(2));
      const p = await projector(lecturer, sessionId);
      const res = await student.agent.get(pathOf(p.url));
      expect(res.status, res.text).to.equal(200);
      expect(res.text).to.contain("You are checked in");
      expect((await marksOf(t, sessionId)).map((m) => [m.userId, m.by])).to.deep.equal([[sub, "self"]]);
      const attempts = await t.database.db
        .select()
        .from(checkinAttempts)
        .where(eq(checkinAttempts.sessionId, sessionId));
      expect(attempts.map((a) => a.reason)).to.not.include("tampered");
    });

  it("accepts a password typed in decomposed form (i + combining macron) and round-trips it through a link", async () => {
    const settings = { method: "password" as const, password: "Rīga", secret: "", stepSeconds: 10 };
    expect(await verifyCode(settings, "RI\u0304GA", at(2))).to.equal("ok");
    const token = signLink("k", { sessionId: 3, code: "Ri\u0304ga 7" });
    expect(readLink("k", token)).to.deep.equal({ sessionId: 3, code: "Rīga 7" });
    expect(readLink("k", decodeURIComponent(token))).to.deep.equal({ sessionId: 3, code: "Rīga 7" });
  });
});
