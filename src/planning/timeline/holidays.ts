import { DateTime } from "luxon";

/** Western Easter Sunday of a year (the anonymous Gregorian algorithm), as an ISO date. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day).toISODate()!;
}

const FIXED = ["01-01", "05-01", "05-04", "06-23", "06-24", "11-18", "12-24", "12-25", "12-26", "12-31"];

/**
 * Latvia's public holidays (Law on Public Holidays, Memorial Days and Celebration Days) of one year: the fixed days,
 * Good Friday and Easter Monday, and the Monday after 4 May or 18 November when they fall on a weekend. Days the
 * government adds for one year (e.g. after a sports win) are not in it: a platform adds them to its own list.
 */
export function latvianPublicHolidays(year: number): string[] {
  const easter = DateTime.fromISO(easterSunday(year), { zone: "utc" });
  const days = new Set(FIXED.map((md) => `${year}-${md}`));
  days.add(easter.minus({ days: 2 }).toISODate()!);
  days.add(easter.toISODate()!);
  days.add(easter.plus({ days: 1 }).toISODate()!);
  for (const md of ["05-04", "11-18"]) {
    const d = DateTime.fromISO(`${year}-${md}`, { zone: "utc" });
    if (d.weekday >= 6) days.add(d.plus({ days: 8 - d.weekday }).toISODate()!);
  }
  return [...days].sort();
}

/** The default holiday set around a date: Latvia's public holidays of its year and the years either side. */
export function defaultHolidays(date: string): Set<string> {
  const year = Number(date.slice(0, 4));
  return new Set([year - 1, year, year + 1].flatMap(latvianPublicHolidays));
}
