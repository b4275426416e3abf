import { expect } from "chai";
import { defaultHolidays, easterSunday, latvianPublicHolidays } from "../../src/planning/timeline/holidays.js";
import {
  DEFAULT_TIMELINE_SETTINGS,
  lastWorkingDayBefore,
  studyDayTimeline,
  type TimelineDay,
} from "../../src/planning/timeline/study-day-timeline.js";

const riga = "Europe/Riga";
const day = (date: string, firstStart?: string, lastEnd?: string): TimelineDay => ({
  date,
  firstStart: firstStart ? new Date(firstStart) : null,
  lastEnd: lastEnd ? new Date(lastEnd) : null,
});
const iso = (tl: Record<string, Date>) => Object.fromEntries(Object.entries(tl).map(([k, v]) => [k, v.toISOString()]));

describe("the study-day timeline (pure)", () => {
  it("gives every step of an ordinary Saturday in October (UTC+3) at 09:00 local time", () => {
    const tl = studyDayTimeline(
      day("2026-10-17", "2026-10-17T06:00:00Z", "2026-10-17T12:45:00Z"),
      DEFAULT_TIMELINE_SETTINGS,
      defaultHolidays("2026-10-17"),
      riga,
    );
    expect(iso(tl)).to.deep.equal({
      plan: "2026-10-10T06:00:00.000Z",
      lecturer_reminders: "2026-10-13T06:00:00.000Z",
      student_reminders: "2026-10-13T06:00:00.000Z",
      publish: "2026-10-14T06:00:00.000Z",
      briefing: "2026-10-16T09:00:00.000Z",
      live: "2026-10-17T05:30:00.000Z",
      counts: "2026-10-17T13:45:00.000Z",
      cleanup: "2026-10-20T06:00:00.000Z",
    });
  });

  it("keeps 09:00 local across the March change: the plan before it is 07:00 UTC, the reminders after it 06:00 UTC", () => {
    // Saturday 4 April 2026; clocks go forward on Sunday 29 March
    const tl = studyDayTimeline(day("2026-04-04"), DEFAULT_TIMELINE_SETTINGS, defaultHolidays("2026-04-04"), riga);
    expect(tl.plan.toISOString()).to.equal("2026-03-28T07:00:00.000Z");
    expect(tl.lecturer_reminders.toISOString()).to.equal("2026-03-31T06:00:00.000Z");
    expect(tl.cleanup.toISOString()).to.equal("2026-04-07T06:00:00.000Z");
  });

  it("keeps 09:00 local across the October change: the plan at 06:00 UTC, the reminders after it at 07:00 UTC", () => {
    // Saturday 31 October 2026; clocks go back on Sunday 25 October
    const tl = studyDayTimeline(day("2026-10-31"), DEFAULT_TIMELINE_SETTINGS, defaultHolidays("2026-10-31"), riga);
    expect(tl.plan.toISOString()).to.equal("2026-10-24T06:00:00.000Z");
    expect(tl.lecturer_reminders.toISOString()).to.equal("2026-10-27T07:00:00.000Z");
    expect(tl.publish.toISOString()).to.equal("2026-10-28T07:00:00.000Z");
  });

  it("moves a step whose local time falls in the spring-forward gap to the first time that exists", () => {
    const settings = { ...DEFAULT_TIMELINE_SETTINGS, stepTime: "03:30", planDaysBefore: 7 };
    // Sunday 29 March 2026: 03:00–04:00 does not exist in Riga; a plan due then moves to 04:30 local (01:30 UTC)
    const tl = studyDayTimeline(day("2026-04-05"), settings, new Set(), riga);
    expect(tl.plan.toISOString()).to.equal("2026-03-29T01:30:00.000Z");
  });

  it("puts the briefing of a Saturday and of a Monday day on the Friday before", () => {
    const none = new Set<string>();
    expect(lastWorkingDayBefore("2026-10-17", none, riga)).to.equal("2026-10-16");
    expect(lastWorkingDayBefore("2026-10-19", none, riga)).to.equal("2026-10-16");
    expect(lastWorkingDayBefore("2026-10-21", none, riga)).to.equal("2026-10-20");
  });

  it("moves the briefing to Thursday when the Friday is a holiday (Good Friday 2026, 1 May 2026)", () => {
    const tl = studyDayTimeline(day("2026-04-04"), DEFAULT_TIMELINE_SETTINGS, defaultHolidays("2026-04-04"), riga);
    expect(tl.briefing.toISOString()).to.equal("2026-04-02T09:00:00.000Z");
    expect(lastWorkingDayBefore("2026-05-02", defaultHolidays("2026-05-02"), riga)).to.equal("2026-04-30");
  });

  it("skips Easter Monday and a whole holiday week-end for a Tuesday day, and uses a platform's own list", () => {
    expect(lastWorkingDayBefore("2026-04-07", defaultHolidays("2026-04-07"), riga)).to.equal("2026-04-02");
    expect(lastWorkingDayBefore("2026-10-17", new Set(["2026-10-16"]), riga)).to.equal("2026-10-15");
  });

  it("takes each offset from the platform's settings", () => {
    const settings = { ...DEFAULT_TIMELINE_SETTINGS, remindDaysBefore: 5, publishDaysBefore: 2, cleanupDaysAfter: 1 };
    const tl = studyDayTimeline(day("2026-10-17"), settings, new Set(), riga);
    expect(tl.lecturer_reminders.toISOString()).to.equal("2026-10-12T06:00:00.000Z");
    expect(tl.publish.toISOString()).to.equal("2026-10-15T06:00:00.000Z");
    expect(tl.cleanup.toISOString()).to.equal("2026-10-18T06:00:00.000Z");
  });
});

describe("Latvian public holidays", () => {
  it("finds Easter Sunday", () => {
    expect([2025, 2026, 2027].map(easterSunday)).to.deep.equal(["2025-04-20", "2026-04-05", "2027-03-28"]);
  });

  it("lists the fixed days, Good Friday, Easter and Easter Monday of 2026", () => {
    const h = latvianPublicHolidays(2026);
    for (const d of ["2026-01-01", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-04"])
      expect(h).to.include(d);
    for (const d of ["2026-06-23", "2026-06-24", "2026-11-18", "2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31"])
      expect(h).to.include(d);
    expect(h).to.not.include("2026-11-19");
  });

  it("adds the Monday after 4 May or 18 November when it falls on a weekend", () => {
    expect(latvianPublicHolidays(2028)).to.include("2028-11-20"); // 18 November 2028 is a Saturday
    expect(latvianPublicHolidays(2030)).to.include("2030-05-06"); // 4 May 2030 is a Saturday
  });
});
