import { DateTime } from "luxon";
import type { Locale } from "../../lti/actor.js";

/** A study day as a heading writes it: "sestdiena, 17. oktobris" / "Saturday, 17 October". */
export function readableDayTitle(date: string, zone: string, locale: Locale): string {
  return DateTime.fromISO(date, { zone })
    .setLocale(locale)
    .toFormat(locale === "lv" ? "cccc, d. MMMM" : "cccc, d MMMM");
}
