import { expect } from "chai";
import { catalog, translator, NONE_SUFFIX } from "../../src/i18n/i18n.js";
import type { Locale } from "../../src/lti/actor.js";

/** Every counted message of a catalog: base key -> its forms (none, zero, one, other). */
function countedMessages(locale: Locale): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const walk = (tree: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(tree)) {
      if (v && typeof v === "object") walk(v as Record<string, unknown>, `${prefix}${k}.`);
      const m = /^(.*)_(none|zero|one|other)$/.exec(k);
      if (m && typeof v === "string") {
        const base = `${prefix}${m[1]}`;
        out.set(base, { ...out.get(base), [m[2] as string]: v });
      }
    }
  };
  walk(catalog(locale), "");
  return out;
}

/** Values for every {{placeholder}} besides count, so each message renders whole. */
function paramsFor(forms: Record<string, string>): Record<string, string> {
  const names = Object.values(forms).flatMap((s) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string));
  return Object.fromEntries(names.filter((n) => n !== "count").map((n) => [n, `«${n}»`]));
}

const hasNumber = (text: string, n: number) => new RegExp(`(^|[^\\d])${n}([^\\d]|$)`).test(text);
const lvRules = new Intl.PluralRules("lv");

/** Nominative plural -> genitive plural of the nouns counted in the Latvian catalog. */
const LATVIAN_NOUNS: Record<string, string> = {
  studenti: "studentu",
  atzīmes: "atzīmju",
  nodarbības: "nodarbību",
  ziņas: "ziņu",
  grupas: "grupu",
  problēmas: "problēmu",
  dalībnieki: "dalībnieku",
  funkcijas: "funkciju",
};

describe("counted messages (plural sweep, n = 0..121)", () => {
  const N = Array.from({ length: 122 }, (_, i) => i);

  for (const locale of ["lv", "en"] as const) {
    const messages = countedMessages(locale);
    const t = translator(locale);

    it(`${locale}: finds the counted messages`, () => {
      expect(messages.size).to.be.greaterThan(15);
    });

    it(`${locale}: says "none" exactly when the count is 0, and the number otherwise`, () => {
      const wrong: string[] = [];
      for (const [key, forms] of messages) {
        const params = paramsFor(forms);
        const none = forms.none === undefined ? undefined : t(`${key}${NONE_SUFFIX}`, params);
        for (const n of N) {
          const text = t(key, { ...params, count: n });
          if (n === 0 && none !== undefined && text !== none) wrong.push(`${key}(0) = "${text}", not the none text`);
          if (n === 0 && none === undefined && !hasNumber(text, 0)) wrong.push(`${key}(0) = "${text}" has no 0`);
          if (n > 0 && none !== undefined && text === none) wrong.push(`${key}(${n}) = the none text "${text}"`);
          if (n > 0 && !hasNumber(text, n)) wrong.push(`${key}(${n}) = "${text}" has no ${n}`);
        }
      }
      expect(wrong).to.deep.equal([]);
    });

    it(`${locale}: has every plural form the language needs and no others`, () => {
      const needed = locale === "lv" ? ["zero", "one", "other"] : ["one", "other"];
      const wrong: string[] = [];
      for (const [key, forms] of messages) {
        for (const f of needed) if (forms[f] === undefined) wrong.push(`${key} lacks _${f}`);
        for (const f of Object.keys(forms))
          if (f !== "none" && !needed.includes(f)) wrong.push(`${key} has _${f} (not a ${locale} plural category)`);
      }
      expect(wrong).to.deep.equal([]);
    });
  }

  it("lv: after 0, 10-20, 30, ... the noun is genitive plural, never nominative", () => {
    const t = translator("lv");
    const wrong: string[] = [];
    for (const [key, forms] of countedMessages("lv")) {
      const params = paramsFor(forms);
      for (const n of N.filter((x) => lvRules.select(x) === "zero")) {
        const words = t(key, { ...params, count: n })
          .split(new RegExp(`(?:^|[^\\d])${n}(?=[^\\d]|$)`))[1]
          ?.split(/[\s.,;:]+/)
          .filter(Boolean)
          .slice(0, 2);
        for (const w of words ?? []) if (LATVIAN_NOUNS[w]) wrong.push(`${key}(${n}): "${n} … ${w}"`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it("lv: the forms a Latvian writes (1 students, 2 studenti, 10 studentu, 19 atzīmju, 20 nodarbību, 21 nodarbība)", () => {
    const t = translator("lv");
    const table: [string, number, string][] = [
      ["roster.students", 1, "1 students"],
      ["roster.students", 2, "2 studenti"],
      ["roster.students", 10, "10 studentu"],
      ["roster.students", 11, "11 studentu"],
      ["roster.students", 21, "21 students"],
      ["roster.students", 111, "111 studentu"],
      ["attendance.statuses.mark_count", 0, "Nav atzīmju"],
      ["attendance.statuses.mark_count", 19, "19 atzīmju"],
      ["attendance.statuses.mark_count", 9, "9 atzīmes"],
      ["planning.classes_count", 20, "20 nodarbību"],
      ["planning.classes_count", 21, "21 nodarbība"],
      ["planning.classes_count", 22, "22 nodarbības"],
      ["attendance.register.unmarked", 0, "Visi studenti atzīmēti."],
      ["attendance.register.unmarked", 19, "19 studentu vēl nav atzīmēts."],
      ["attendance.register.saved", 10, "Saglabāts 10 atzīmju."],
      ["attendance.register.saved", 31, "Saglabāta 31 atzīme."],
      ["notify.outbox.count", 30, "30 ziņu"],
      ["roster.refreshed", 15, "Saraksts atjaunots: 15 aktīvu dalībnieku."],
    ];
    expect(table.map(([key, n]) => t(key, { count: n }))).to.deep.equal(table.map(([, , text]) => text));
    expect(Object.values(LATVIAN_NOUNS)).to.have.length(8);
  });

  it("en: the none text only at 0 (Every student is marked.), 1 student, 10 students", () => {
    const t = translator("en");
    expect(t("attendance.register.unmarked", { count: 0 })).to.equal("Every student is marked.");
    expect(t("attendance.register.unmarked", { count: 10 })).to.equal("10 students are not marked yet.");
    expect(t("attendance.register.unmarked", { count: 1 })).to.equal("1 student is not marked yet.");
    expect(t("roster.students", { count: 0 })).to.equal("0 students");
  });
});
