import { expect } from "chai";
import { catalog } from "../../src/i18n/i18n.js";
import { parseSchedule } from "../../src/planning/import/parse-schedule.js";
import { parseDate, parseMode, parseTime } from "../../src/planning/import/parse-values.js";
import { scheduleTemplateCsv } from "../../src/planning/import/schedule-columns.js";
import { DEFAULT_SLOTS } from "../../src/planning/slots.js";
import { readCsv } from "../../src/spreadsheets/read-csv.js";

const opts = { slots: DEFAULT_SLOTS, zone: "Europe/Riga" };
const HEADER = "Datums;Slots;Sākums;Beigas;Kurss;Kursa nosaukums;Pasniedzējs;E-pasts;Grupas;Forma;Telpa";
const parse = (...lines: string[]) => parseSchedule(readCsv([HEADER, ...lines].join("\n")), opts);

describe("reading a semester schedule", () => {
  it("reads a slot row and a start–end row into UTC instants in Europe/Riga", () => {
    const { classes, problems } = parse(
      "17.10.2026;1;;;BK101;Biznesa komunikācija;Ilze Ozoliņa;Ilze.Ozolina@example.lv;bk-1, BK-2;tiešsaistē;",
      "2026-10-17;;13:00;15:00;EK201;Ekonomika;Jānis Bērziņš;janis@example.lv;EK-2;klātienē;210",
    );
    expect(problems).to.deep.equal([]);
    expect(classes[0]).to.include({
      line: 2,
      classDate: "2026-10-17",
      slotNo: 1,
      courseRef: "BK101",
      lecturerEmail: "ilze.ozolina@example.lv",
      groups: "BK-1, BK-2",
      isOnline: true,
    });
    expect(classes[0]!.startsAt.toISOString()).to.equal("2026-10-17T06:00:00.000Z");
    expect(classes[1]).to.include({ slotNo: 2, isOnline: false, room: "210" });
    expect(classes[1]!.endsAt.toISOString()).to.equal("2026-10-17T12:00:00.000Z");
  });

  it("reports every problem by row and column, and then returns no classes at all", () => {
    const { classes, problems } = parse(
      "2026-10-17;1;;;BK101;;Ilze Ozoliņa;ilze@example.lv;BK-1;;",
      "2026-10-18;1;;;BK101;;Ilze Ozoliņa;ilze@example.lv;BK-1;;",
      "2026-10-17;;11:00;13:00;EK201;;Jānis Bērziņš;;EK-2;;",
      "2026-10-17;1;;;BK101;;Ilze Ozoliņa;ilze@example.lv;bk-1;;",
      "31.02.2026;7;;;;;;;;pa pastu;",
    );
    expect(classes).to.deep.equal([]);
    const seen = problems.map((p) => `${p.line}:${p.column}:${p.key.replace("planning.import.errors.", "")}`);
    expect(seen).to.deep.equal([
      "3:Datums:sunday",
      "4:Sākums:outside_slots",
      "4:E-pasts:lecturer_email_missing",
      "5:Kurss:duplicate",
      "6:Datums:bad_date",
      "6:Slots:unknown_slot",
      "6:Kurss:required",
      "6:Pasniedzējs:required",
      "6:E-pasts:lecturer_email_missing",
      "6:Forma:bad_mode",
    ]);
    expect(problems.find((p) => p.line === 5)?.params).to.deep.equal({ line: 2 });
  });

  it("names the columns a file lacks", () => {
    const { problems } = parseSchedule(readCsv("Date,Course\n2026-10-17,BK101"), { ...opts, locale: "en" });
    expect(problems.map((p) => p.params?.field)).to.deep.equal(["Lecturer", "Email", "Slot"]);
  });

  it("reports an unknown course when the platform's courses are known", () => {
    const { problems } = parseSchedule(readCsv([HEADER, "2026-10-17;1;;;XX9;;A B;a@example.lv;;;"].join("\n")), {
      ...opts,
      courseExists: (ref) => ref === "BK101",
    });
    expect(problems.map((p) => p.key)).to.deep.equal(["planning.import.errors.unknown_course"]);
  });

  it("names a missing column as the user's language writes it (Pasniedzējs / Lecturer), never the field's code", () => {
    const rows = readCsv("Datums;Slots;Kurss;E-pasts\n17.10.2026;1;BK101;a@example.lv");
    expect(parseSchedule(rows, opts).problems).to.deep.equal([
      {
        line: 1,
        column: "Pasniedzējs",
        key: "planning.import.errors.missing_column",
        params: { field: "Pasniedzējs" },
      },
    ]);
    expect(parseSchedule(rows, { ...opts, locale: "en" }).problems[0]).to.include({ column: "Lecturer" });
  });

  it("has a message for every problem in both languages", () => {
    for (const locale of ["lv", "en"] as const) {
      const errors = ((catalog(locale).planning as Record<string, Record<string, unknown>>).import!.errors ??
        {}) as Record<string, string>;
      for (const key of [
        "empty_file",
        "missing_column",
        "required",
        "bad_date",
        "sunday",
        "unknown_course",
        "lecturer_email_missing",
        "bad_email",
        "bad_mode",
        "no_such_local_time",
        "duplicate",
        "unknown_slot",
        "slot_or_times_required",
        "bad_time",
        "end_before_start",
        "outside_slots",
        "bad_xlsx",
        "unclosed_quote",
        "text_after_quote",
        "not_csv",
      ]) {
        expect(errors[key], `${locale} ${key}`).to.be.a("string");
      }
    }
  });

  it("reads its own template without problems", () => {
    for (const locale of ["lv", "en"] as const) {
      const text = scheduleTemplateCsv(locale).replace(/^\uFEFF/, "");
      const { classes, problems } = parseSchedule(readCsv(text), opts);
      expect(problems, locale).to.deep.equal([]);
      expect(classes).to.have.length(2);
    }
  });

  it("reads dates, times and modes the way offices write them, Excel numbers included", () => {
    expect(["2026-10-17", "17.10.2026", "17.10.26", "17/10/2026", "46312", "2026-13-01"].map(parseDate)).to.deep.equal([
      "2026-10-17",
      "2026-10-17",
      "2026-10-17",
      "2026-10-17",
      "2026-10-17",
      null,
    ]);
    expect(["9:00", "09:00", "9.00", "12:45:00", "0.375", "0,53125", "25:00"].map(parseTime)).to.deep.equal([
      "09:00",
      "09:00",
      "09:00",
      "12:45",
      "09:00",
      "12:45",
      null,
    ]);
    expect(["Tiešsaistē", "online", "", "Klātienē", "on site", "x"].map(parseMode)).to.deep.equal([
      "online",
      "online",
      "online",
      "onsite",
      "onsite",
      null,
    ]);
  });
});
