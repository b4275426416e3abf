import { readFileSync } from "node:fs";
import i18next, { type TFunction } from "i18next";
import { ROOT } from "../paths.js";
import type { Locale } from "../lti/actor.js";

export const LOCALES: readonly Locale[] = ["lv", "en"];

function catalog(locale: Locale): Record<string, unknown> {
  return JSON.parse(readFileSync(`${ROOT}/src/i18n/${locale}.json`, "utf8")) as Record<string, unknown>;
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
  return instance.getFixedT(locale);
}

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
