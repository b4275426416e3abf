import { DateTime } from "luxon";
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

const weekday = (dt: DateTime) => dt.toFormat("cccc");
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1); // ICU may capitalise; Latvian writes it small

/**
 * A calendar day (ISO "2026-10-17") as people write it: "sestdiena, 17.10.2026" / "Saturday, 17 Oct 2026";
 * with `long`, "sestdiena, 2026. gada 17. oktobris" / "Saturday, 17 October 2026". Never ISO on a page.
 */
export function formatDay(locale: Locale, isoDate: string, style: "short" | "long" = "short"): string {
  const dt = DateTime.fromISO(isoDate, { zone: "UTC" }).setLocale(locale);
  if (!dt.isValid) return isoDate;
  if (locale === "en") return dt.toFormat(style === "long" ? "cccc, d LLLL yyyy" : "cccc, d LLL yyyy");
  return lower(`${weekday(dt)}, ${style === "long" ? dt.toFormat("yyyy. 'gada' d. LLLL") : dt.toFormat("dd.MM.yyyy")}`);
}

/** An instant as both languages' pages write it, in the course's zone: "17.10.2026 09:05". */
export function formatDateTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("dd.MM.yyyy HH:mm");
}
