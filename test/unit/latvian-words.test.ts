import { expect } from "chai";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { formatDay, formatPercent } from "../../src/i18n/format.js";
import { catalog, translator } from "../../src/i18n/i18n.js";
import { ROOT } from "../../src/paths.js";

/** Every text of a catalog with its key. */
function texts(locale: "lv" | "en"): [string, string][] {
  const out: [string, string][] = [];
  const walk = (tree: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(tree))
      if (v && typeof v === "object") walk(v as Record<string, unknown>, `${prefix}${k}.`);
      else if (typeof v === "string") out.push([`${prefix}${k}`, v]);
  };
  walk(catalog(locale), "");
  return out;
}

function views(dir = join(ROOT, "views")): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? views(p) : p.endsWith(".ejs") ? [readFileSync(p, "utf8")] : [];
  });
}

describe("Latvian words and formats", () => {
  it("calls self check-in by one name, Reģistrēšanās (no Pašreģistrēšanās, Pašatzīmēšanās)", () => {
    const other = /pašreģistr|pašatzīm/i;
    expect(texts("lv").filter(([, v]) => other.test(v))).to.deep.equal([]);
    expect(views().filter((v) => other.test(v))).to.deep.equal([]);
    expect(translator("lv")("checkin.settings.title")).to.equal("Reģistrēšanās");
  });

  it("tells a student the result without a gendered form (Apmeklējums reģistrēts, not Jūs esat reģistrēts)", () => {
    const t = translator("lv");
    expect([t("checkin.result.accepted"), t("checkin.result.already"), t("checkin.result.refused")]).to.deep.equal([
      "Apmeklējums reģistrēts",
      "Apmeklējums jau reģistrēts",
      "Apmeklējums nav reģistrēts",
    ]);
    expect(texts("lv").filter(([k, v]) => k.startsWith("checkin.") && /esat reģistrēt/.test(v))).to.deep.equal([]);
  });

  it("names no environment variable on pages a lecturer or coordinator sees", () => {
    // the dynamic registration pages are for the Moodle administrator who installs the tool
    const onUserPages = ([k]: [string, string]) => !k.startsWith("registration.");
    for (const locale of ["lv", "en"] as const)
      expect(
        texts(locale)
          .filter(onUserPages)
          .filter(([, v]) => /\b[A-Z][A-Z0-9]+_[A-Z0-9_]+\b/.test(v)),
        locale,
      ).to.deep.equal([]);
    expect(translator("lv")("planning.zoom.not_configured")).to.equal(
      "Zoom nav pievienots; vērsieties pie administratora.",
    );
    expect(translator("en")("planning.zoom.not_configured")).to.equal("Zoom is not connected; ask the administrator.");
  });

  it("says clearly that a Zoom account is already in the pool", () => {
    expect(translator("lv")("planning.admin.errors.host_exists")).to.equal(
      "Zoom konts ar šo e-pasta adresi jau ir kontu pūlā.",
    );
  });

  it("writes numbers and days as each language does: 9,1 % and sestdiena, 17.10.2026", () => {
    expect(formatPercent("lv", 9.1)).to.equal("9,1 %");
    expect(formatPercent("en", 9.1)).to.equal("9.1 %");
    expect(formatPercent("lv", null)).to.equal("—");
    expect(formatPercent("lv", 100)).to.equal("100 %");
    expect(formatDay("lv", "2026-10-17")).to.equal("sestdiena, 17.10.2026");
    expect(formatDay("lv", "2026-10-17", "long")).to.equal("sestdiena, 2026. gada 17. oktobris");
    expect(formatDay("en", "2026-10-17", "long")).to.equal("Saturday, 17 October 2026");
  });
});
