import { expect } from "chai";
import { presentSettingsPage } from "../../src/planning/admin/present-settings.js";
import { presentDayPage, presentEditPage, presentPlanDates } from "../../src/planning/present.js";
import type { ClassPage, DayPlan, StudyClassRow } from "../../src/planning/queries.js";
import { DEFAULT_SLOTS } from "../../src/planning/slots.js";

const settings = { timezone: "Europe/Riga", slots: DEFAULT_SLOTS, staffContextId: null, infoCourseRef: null };

function studyClass(over: Partial<StudyClassRow> = {}): StudyClassRow {
  const at = new Date("2026-10-17T06:00:00Z");
  return {
    ...{ id: 7, platformId: "p1", naturalKey: "k", classDate: "2026-10-17", slotNo: 1, startsAt: at },
    ...{ endsAt: new Date("2026-10-17T09:00:00Z"), courseRef: "BK101", moodleCourseId: null, courseTitle: "Bizness" },
    ...{ lecturerName: "Ilze Ozoliņa", lecturerEmail: "ilze@example.lv", groups: "BK-1", isOnline: true, room: "" },
    ...{ state: "planned", linkMode: "zoom", zoomHostId: null, zoomLane: null, hostConcurrency: null },
    ...{ meetingHostId: null, meetingId: null, joinUrl: null, passcode: null, manualUrl: null, zoomError: null },
    ...{ zoomSyncedAt: null, createdAt: at, updatedAt: at },
    ...over,
  };
}

describe("the study-day pages' presenters (pure)", () => {
  it("labels the index's dates as people write them, in the coordinator's language", () => {
    const dates = presentPlanDates([{ classDate: "2026-10-17", count: 2 }], "lv");
    expect(dates).to.deep.equal([{ classDate: "2026-10-17", count: 2, label: "sestdiena, 17.10.2026" }]);
    expect(presentPlanDates([{ classDate: "2026-10-17" }], "en")[0]!.label).to.equal("Saturday, 17 Oct 2026");
  });

  it("says on the day's plan whether the class just cancelled can come back: until the day is over, in its zone", () => {
    const page: DayPlan = {
      ...{ classDate: "2026-10-17", settings, rows: [studyClass()] },
      ...{ hosts: [], publications: [], announcement: null },
    };
    const cancelled = { notice: "cancelled", class: 7 };
    expect(presentDayPage(page, cancelled, "en", new Date("2026-10-17T20:59:00Z"))).to.include({
      isRestorable: true,
      cancelledId: 7,
      notice: "cancelled",
    });
    const after = presentDayPage(page, { class: 0 }, "en", new Date("2026-10-17T21:00:00Z")); // midnight in Riga
    expect(after).to.include({ isRestorable: false, cancelledId: null, notice: undefined });
    expect(after.online.map((c) => c.time)).to.deep.equal(["09:00–12:00"]);
    expect(after.waiting).to.have.length(1); // online, no host yet
  });

  it("fills the edit form from the class, or after a refusal with what was typed (every field, empty when not sent)", () => {
    const page: ClassPage = { row: studyClass({ manualUrl: "https://x.lv/m" }), settings, hosts: [], changes: [] };
    expect(presentEditPage(page, "en").values).to.deep.equal({
      ...{ start: "09:00", end: "12:00", lecturerName: "Ilze Ozoliņa", lecturerEmail: "ilze@example.lv" },
      ...{ groups: "BK-1", manualUrl: "https://x.lv/m" },
    });
    const typed = presentEditPage(page, "en", { values: { start: "9", _csrf: "t" }, errors: { start: "Bad time" } });
    const empty = { end: "", lecturerName: "", lecturerEmail: "", groups: "", manualUrl: "" };
    expect(typed.values).to.deep.equal({ start: "9", ...empty }); // the CSRF token is not a field
    expect(typed.errors).to.deep.equal({ start: "Bad time" });
  });

  it("writes the settings form's slots one a line as it reads them back", () => {
    const page = presentSettingsPage({ settings, hosts: [], people: [], courses: [] });
    expect(page.settingsValues).to.deep.equal({
      slots: DEFAULT_SLOTS.map((s) => `${s.no} ${s.start}–${s.end}`).join("\n"),
      timezone: "Europe/Riga",
      staffContextId: "",
      infoCourseRef: "",
    });
  });
});
