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

/**
 * A translator fixed to one locale. Counted messages (`{ count }`) take their form from Intl.PluralRules through
 * i18next: Latvian `_zero` is the grammatical form of 0, 10-20, 30, ... ("10 studentu"), `_one` of 1, 21, 31, ...,
 * `_other` the rest; English has `_one`/`_other`. "Nothing" is a message of its own, `<key>_none`, used exactly when
 * count === 0 (and only if the catalog has it); never a plural category.
 */
export function translator(locale: Locale): T {
  return fixed[locale];
}

/** Suffix of the message for count === 0 ("Every student is marked."), apart from the plural forms. */
export const NONE_SUFFIX = "_none";

function withNone(locale: Locale): T {
  const fixedT = instance.getFixedT(locale);
  const t = fixedT as unknown as (key: unknown, ...rest: unknown[]) => string;
  const wrapped = (key: unknown, ...rest: unknown[]) => {
    const options = rest[0] as { count?: unknown } | undefined;
    if (typeof key === "string" && options && typeof options === "object" && options.count === 0) {
      const none = `${key}${NONE_SUFFIX}`;
      if (instance.exists(none, { lng: locale, fallbackLng: false })) return t(none, ...rest);
    }
    return t(key, ...rest);
  };
  return Object.assign(wrapped, fixedT) as unknown as T;
}

/** One fixed translator per locale, made once (every request asks for one). */
const fixed: Record<Locale, T> = { lv: withNone("lv"), en: withNone("en") };

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
