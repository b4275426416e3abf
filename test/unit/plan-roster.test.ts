import { expect } from "chai";
import { isRosterStale, planRoster } from "../../src/roster/plan-roster.js";

describe("roster planning", () => {
  const fetched = [
    {
      user_id: "4",
      roles: ["Learner"],
      name: "Jānis Bērziņš",
      given_name: "Jānis",
      family_name: "Bērziņš",
      email: "janis@example.lv",
    },
    { user_id: "3", roles: ["Instructor"], name: "Ilze Ozoliņa" },
    { user_id: "5", roles: ["Learner"], status: "Inactive", name: "Anna Kalniņa" },
  ];

  it("marks members missing from the platform's answer as left, and keeps them", () => {
    const plan = planRoster(["3", "4", "9"], fetched);
    expect(plan.left).to.deep.equal(["9"]);
    expect(plan.upserts.map((u) => u.userId)).to.deep.equal(["4", "3", "5"]);
  });

  it("knows learners from lecturers and inactive members from enrolled ones", () => {
    const plan = planRoster([], fetched);
    const byId = Object.fromEntries(plan.upserts.map((u) => [u.userId, u]));
    expect(byId["4"]).to.include({ isLearner: true, isEnrolled: true, givenName: "Jānis" });
    expect(byId["3"]).to.include({ isLearner: false, isEnrolled: true });
    expect(byId["5"]).to.include({ isLearner: true, isEnrolled: false });
  });

  it("is stale when never synced or older than the configured age", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    expect(isRosterStale(null, 60, now)).to.equal(true);
    expect(isRosterStale(new Date("2026-11-23T09:30:00Z"), 60, now)).to.equal(false);
    expect(isRosterStale(new Date("2026-11-23T08:59:00Z"), 60, now)).to.equal(true);
  });
});
