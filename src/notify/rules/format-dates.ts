import { DateTime } from "luxon";
import type { Locale } from "../../lti/actor.js";

const DAY: Record<Locale, string> = { lv: "cccc, d. MMMM", en: "cccc, d MMMM" };

/** Date helpers the message templates get: instants written out in the course's zone and the reader's language. */
export function dateFormatter(zone: string, locale: Locale) {
  const at = (iso: unknown) => DateTime.fromISO(String(iso), { zone: "utc" }).setZone(zone).setLocale(locale);
  return {
    /** "Sestdiena, 17. oktobris" / "Saturday, 17 October". */
    day: (iso: unknown) => at(iso).toFormat(DAY[locale]),
    /** "10:15" in the course's zone. */
    time: (iso: unknown) => at(iso).toFormat("HH:mm"),
    /** "Sestdiena, 17. oktobris, 10:15". */
    dayTime: (iso: unknown) => `${at(iso).toFormat(DAY[locale])}, ${at(iso).toFormat("HH:mm")}`,
  };
}

export type DateFormatter = ReturnType<typeof dateFormatter>;
