import { expect } from "chai";
import { translator } from "../../src/i18n/i18n.js";
import { readableDate, renderDayPlanPdf } from "../../src/planning/pdf/render-day-plan-pdf.js";
import type { ClassView } from "../../src/planning/present.js";
import { pdfText } from "../support/pdf-text.js";

function cls(over: Partial<ClassView>): ClassView {
  return {
    id: 1,
    time: "09:00–12:00",
    start: "09:00",
    end: "12:00",
    courseRef: "BK101",
    courseTitle: "Biznesa komunikācija",
    lecturerName: "Ilze Ozoliņa",
    lecturerEmail: "ilze@example.lv",
    groups: "BK-1",
    isOnline: true,
    room: "",
    state: "planned",
    isCancelled: false,
    hostEmail: "zoom1@example.lv",
    joinUrl: "https://us02web.zoom.us/j/85746065432?pwd=abc",
    isManualLink: false,
    meetingId: "857 4606 5432",
    passcode: "Xy7@k2Lm",
    zoomError: null,
    ...over,
  };
}

describe("the day-plan PDF", () => {
  const now = new Date("2026-10-10T09:30:00Z");

  it('copies out a passcode and title with an "fi" ligature exactly, and the letters after it too', async () => {
    const pdf = await renderDayPlanPdf({
      classDate: "2026-10-17",
      classes: [
        cls({ courseTitle: "Grafiskais dizains", passcode: "fiiPc4UJ" }),
        cls({
          id: 2,
          courseRef: "EK201",
          courseTitle: "Ekonomika",
          lecturerName: "Jānis Bērziņš",
          passcode: "Ab12cd34",
        }),
      ],
      t: translator("lv"),
      locale: "lv",
      zone: "Europe/Riga",
      now,
    });
    const text = pdfText(pdf);
    for (const expected of ["Grafiskais dizains", "fiiPc4UJ", "EK201 Ekonomika", "Jānis Bērziņš", "Ab12cd34"])
      expect(text, text).to.include(expected);
  });

  it("is an A4 landscape PDF whose text has the Latvian names, the join details and the headings", async () => {
    const pdf = await renderDayPlanPdf({
      classDate: "2026-10-17",
      classes: [
        cls({}),
        cls({
          id: 2,
          time: "12:45–15:45",
          courseRef: "EK201",
          courseTitle: "Ekonomikas pamati",
          lecturerName: "Ģirts Ķēniņš",
          groups: "EK-2, EK-3",
          meetingId: "912 3456 7890",
          passcode: "Ab12cd34",
          joinUrl: "https://us02web.zoom.us/j/91234567890",
        }),
        cls({
          id: 3,
          courseRef: "ŽU100",
          courseTitle: "Šūšanas ūdens žāvēšana",
          lecturerName: "Ūna Čakste-Žīgure",
          isCancelled: true,
          state: "cancelled",
        }),
        cls({ id: 4, courseRef: "ON1", lecturerName: "Klātienes Pasniedzējs", isOnline: false }),
      ],
      t: translator("lv"),
      locale: "lv",
      zone: "Europe/Riga",
      now,
    });
    expect(pdf.subarray(0, 5).toString()).to.equal("%PDF-");
    expect(pdf.toString("latin1")).to.match(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(pdf.toString("latin1")).to.match(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
    const text = pdfText(pdf);
    expect(text).to.include("Studiju dienas plāns: sestdiena, 2026. gada 17. oktobris");
    for (const heading of ["Laiks", "Kurss", "Pasniedzējs", "Grupas", "Pieslēgšanās", "Sapulces ID", "Piekļuves kods"])
      expect(text.replace(/\s*\n/g, " ")).to.include(heading);
    expect(text).to.include("09:00–12:00");
    expect(text).to.include("Ilze Ozoliņa");
    expect(text).to.include("Ģirts Ķēniņš");
    expect(text).to.include("Ūna Čakste-Žīgure");
    expect(text).to.include("Šūšanas ūdens žāvēšana");
    expect(text).to.include("857 4606 5432");
    expect(text).to.include("Xy7@k2Lm");
    expect(text.replace(/\n/g, "")).to.include("https://us02web.zoom.us/j/91234567890");
    expect(text).to.include("atcelta");
    expect(text).not.to.include("Klātienes Pasniedzējs");
    expect(text).to.include("Sagatavots Rollbook 10.10.2026 12:30");
    expect(text).not.to.include("\uFFFD");
  });

  it("continues a long day on further pages with the headings repeated", async () => {
    const classes = Array.from({ length: 60 }, (_, i) =>
      cls({ id: i + 1, courseRef: `K${i + 1}`, lecturerName: `Pasniedzēja Nr. ${i + 1} Ņina` }),
    );
    const started = Date.now();
    const text = pdfText(
      await renderDayPlanPdf({
        classDate: "2026-10-17",
        classes,
        t: translator("en"),
        locale: "en",
        zone: "Europe/Riga",
        now,
      }),
    );
    expect(Date.now() - started).to.be.lessThan(5_000);
    const pages = text.split("\f");
    expect(pages.length).to.be.greaterThan(1);
    for (const page of pages) expect(page).to.include("Meeting ID");
    expect(text).to.include("Pasniedzēja Nr. 60 Ņina");
    expect(pages[0]).to.include("Study-day plan: Saturday, 17 October 2026");
  });

  it("writes the date as Latvians and English readers do", () => {
    expect(readableDate("2026-03-28", "lv")).to.equal("sestdiena, 2026. gada 28. marts");
    expect(readableDate("2026-03-28", "en")).to.equal("Saturday, 28 March 2026");
  });
});
