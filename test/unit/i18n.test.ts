import { expect } from "chai";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { catalog, negotiateLocale, translator } from "../../src/i18n/i18n.js";
import { ROOT } from "../../src/paths.js";

function flatten(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");
const keysOf = (locale: "lv" | "en") => new Set(flatten(catalog(locale)).map(base));

function files(dir: string, ext: string[]): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p, ext);
    return ext.some((e) => p.endsWith(e)) ? [p] : [];
  });
}

describe("translations", () => {
  it("has the same keys in Latvian and English", () => {
    const lv = keysOf("lv");
    const en = keysOf("en");
    expect(
      [...lv].filter((k) => !en.has(k)),
      "missing in en",
    ).to.deep.equal([]);
    expect(
      [...en].filter((k) => !lv.has(k)),
      "missing in lv",
    ).to.deep.equal([]);
  });

  it("has every literal key that views and code ask for", () => {
    const known = keysOf("lv");
    const used = new Set<string>();
    for (const f of [...files(join(ROOT, "views"), [".ejs"]), ...files(join(ROOT, "src"), [".ts"])]) {
      for (const m of readFileSync(f, "utf8").matchAll(/\bt\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']\s*[,)]/g))
        used.add(m[1] as string);
      for (const m of readFileSync(f, "utf8").matchAll(
        /\b(?:NotFound|Forbidden|Invalid|Conflict|LaunchInvalid|UpstreamUnavailable)\(\s*["']([a-z_.]+)["']/g,
      ))
        used.add(m[1] as string);
    }
    expect(used.size).to.be.greaterThan(20);
    expect([...used].filter((k) => !known.has(k))).to.deep.equal([]);
  });

  it("uses Latvian plural forms: 0 studentu, 1 students, 2 studenti, 11 studentu, 21 students", () => {
    const t = translator("lv");
    expect(t("roster.students", { count: 0 })).to.equal("0 studentu");
    expect(t("roster.students", { count: 1 })).to.equal("1 students");
    expect(t("roster.students", { count: 2 })).to.equal("2 studenti");
    expect(t("roster.students", { count: 11 })).to.equal("11 studentu");
    expect(t("roster.students", { count: 21 })).to.equal("21 students");
    expect(translator("en")("roster.students", { count: 1 })).to.equal("1 student");
  });

  it("picks the language from Accept-Language, Latvian when nothing fits", () => {
    expect(negotiateLocale("en-GB,en;q=0.9")).to.equal("en");
    expect(negotiateLocale("de-DE,lv;q=0.5,en;q=0.4")).to.equal("lv");
    expect(negotiateLocale("fr")).to.equal("lv");
    expect(negotiateLocale(undefined, "en")).to.equal("en");
  });
});
