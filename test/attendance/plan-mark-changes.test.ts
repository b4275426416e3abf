import { expect } from "chai";
import { planMarkChanges, wishesFromForm, type CurrentMark } from "../../src/attendance/register/plan-mark-changes.js";

describe("planning register saves (pure)", () => {
  const none = new Map<string, CurrentMark>();

  it("writes only the rows the user changed", () => {
    const wishes = wishesFromForm({ s_4: "1", o_4: "", r_4: "", or_4: "", s_5: "2", o_5: "2", r_5: "", or_5: "" });
    expect(planMarkChanges(wishes, none)).to.deep.equal([{ userId: "4", statusId: 1, remark: "", from: null }]);
  });

  it("keeps a colleague's newer mark when this page left the row untouched", () => {
    const current = new Map([["5", { statusId: 3, remark: "ārsts" }]]);
    const wishes = wishesFromForm({ s_5: "1", o_5: "1", r_5: "", or_5: "" });
    expect(planMarkChanges(wishes, current)).to.deep.equal([]);
  });

  it("changes only the remark when only the remark was edited, keeping the colleague's status", () => {
    const current = new Map([["5", { statusId: 3, remark: "" }]]);
    const wishes = wishesFromForm({ s_5: "1", o_5: "1", r_5: "izziņa", or_5: "" });
    expect(planMarkChanges(wishes, current)).to.deep.equal([
      { userId: "5", statusId: 3, remark: "izziņa", from: { statusId: 3, remark: "" } },
    ]);
  });

  it("is idempotent: a wish equal to the stored mark writes nothing", () => {
    const current = new Map([["4", { statusId: 1, remark: "" }]]);
    expect(planMarkChanges(wishesFromForm({ s_4: "1", o_4: "", r_4: "", or_4: "" }), current)).to.deep.equal([]);
  });

  it("ignores a remark for a student with no status", () => {
    expect(planMarkChanges(wishesFromForm({ o_6: "", r_6: "nav", or_6: "" }), none)).to.deep.equal([]);
  });
});
