import type { Locale } from "../lti/actor.js";

/** Numbers as each language writes them: a decimal comma in Latvian ("9,1"), a point in English; at most one decimal. */
const NUMBER: Record<Locale, Intl.NumberFormat> = {
  lv: new Intl.NumberFormat("lv", { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en", { maximumFractionDigits: 1 }),
};

/** A number for a page or an email: "9,1" in Latvian, "9.1" in English; no grouping surprises below 1,000. */
export function formatNumber(locale: Locale, value: number): string {
  return NUMBER[locale].format(value);
}

/** A percentage for a page: "9,1 %" in Latvian, "9.1 %" in English, "—" when there is none yet. */
export function formatPercent(locale: Locale, value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${formatNumber(locale, value)} %`;
}
