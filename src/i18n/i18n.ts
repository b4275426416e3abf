import { readFileSync, readdirSync } from "node:fs";
import i18next, { type TFunction } from "i18next";
import { ROOT } from "../paths.js";
import type { Locale } from "../lti/actor.js";

export const LOCALES: readonly Locale[] = ["lv", "en"];

type Tree = Record<string, unknown>;

function merge(into: Tree, from: Tree, file: string, path = ""): Tree {
  for (const [k, v] of Object.entries(from)) {
    const existing = into[k];
    if (v && typeof v === "object" && existing && typeof existing === "object")
      merge(existing as Tree, v as Tree, file, `${path}${k}.`);
    else if (existing !== undefined) throw new Error(`i18n key ${path}${k} defined twice (${file})`);
    else into[k] = v;
  }
  return into;
}

/** A locale's catalog: every src/i18n/<locale>/*.json (one file per feature), merged; a key defined twice is an error. */
export function catalog(locale: Locale): Tree {
  const dir = `${ROOT}/src/i18n/${locale}`;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .reduce((acc, f) => merge(acc, JSON.parse(readFileSync(`${dir}/${f}`, "utf8")) as Tree, f), {} as Tree);
}

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: "lv",
  fallbackLng: "lv",
  supportedLngs: [...LOCALES],
  resources: { lv: { translation: catalog("lv") }, en: { translation: catalog("en") } },
  interpolation: { escapeValue: false }, // ejs escapes on output
  returnNull: false,
});

export type T = TFunction;

/** A translator fixed to one locale. Latvian plurals (zero/one/other) come from Intl.PluralRules through i18next. */
export function translator(locale: Locale): T {
  return fixed[locale];
}

/** One fixed translator per locale, made once (every request asks for one). */
const fixed: Record<Locale, T> = { lv: instance.getFixedT("lv"), en: instance.getFixedT("en") };

/** Picks lv or en from an Accept-Language header or a `lang` query value, Latvian by default. */
export function negotiateLocale(acceptLanguage: string | undefined, explicit?: unknown): Locale {
  if (explicit === "en" || explicit === "lv") return explicit;
  const tags = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", q = "q=1"] = part.trim().split(";");
      return { tag: tag.toLowerCase(), q: Number(q.replace("q=", "")) || 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag.startsWith("lv")) return "lv";
    if (tag.startsWith("en")) return "en";
  }
  return "lv";
}
