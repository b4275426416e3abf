import { DateTime } from "luxon";

const EXCEL_EPOCH = DateTime.fromISO("1899-12-30", { zone: "UTC" });

/** A date as offices write it: 2026-10-15, 15.10.2026, 15.10.26, 15/10/2026, or an Excel serial day number. */
export function parseDate(raw: string): string | null {
  const v = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})\.?$/.exec(v);
  if (m) return isoDate(m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]), Number(m[2]), Number(m[1]));
  if (/^\d{5}$/.test(v)) return EXCEL_EPOCH.plus({ days: Number(v) }).toISODate();
  return null;
}

function isoDate(year: number, month: number, day: number): string | null {
  const dt = DateTime.fromObject({ year, month, day }, { zone: "UTC" });
  return dt.isValid ? dt.toISODate() : null;
}

/** A time: 9:00, 09:00, 9.00, 09:00:00, or an Excel day fraction (0.375 = 9:00). Returns "HH:mm". */
export function parseTime(raw: string): string | null {
  const v = raw.trim();
  const m = /^(\d{1,2})[:.](\d{2})(?::\d{2})?$/.exec(v);
  if (m) return hhmm(Number(m[1]), Number(m[2]));
  if (/^0?[.,]\d+$/.test(v)) {
    const minutes = Math.round(Number(v.replace(",", ".")) * 24 * 60);
    return hhmm(Math.floor(minutes / 60), minutes % 60);
  }
  return null;
}

function hhmm(h: number, min: number): string | null {
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** Online or on site, in Latvian or English; empty means online (the plan is about online classes). */
export function parseMode(raw: string): "online" | "onsite" | null {
  const v = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
  if (["", "tiešsaistē", "tiessaiste", "tiešsaiste", "online", "zoom", "attālināti"].includes(v)) return "online";
  if (["klātienē", "klatiene", "klātiene", "onsite", "klātienes"].includes(v)) return "onsite";
  return null;
}

/** Student groups as one tidy text: "BK-1; bk-2 /EK" -> "BK-1, BK-2, EK" (upper-cased, split on , ; / and spaces). */
export function normaliseGroups(raw: string): string {
  return raw
    .split(/[,;/\s]+/)
    .map((g) => g.trim().toUpperCase())
    .filter(Boolean)
    .join(", ");
}

/** A plausible e-mail address (the real check is Moodle's and the lecturer's inbox). */
export function isEmail(raw: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.trim());
}
