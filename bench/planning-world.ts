import { DateTime } from "luxon";
import type { Db } from "../src/db/client.js";
import { planningSettings, studyClasses, zoomHosts } from "../src/db/schema.js";
import { DEFAULT_SLOTS } from "../src/planning/slots.js";
import { SCHEDULE_HEADER } from "../test/planning/fixtures.js";

/** The Saturdays of an autumn semester from 5 September 2026, as many as asked. */
export function semesterDates(count: number): string[] {
  const first = DateTime.fromISO("2026-09-05", { zone: "Europe/Riga" });
  return Array.from({ length: count }, (_, i) => first.plus({ weeks: i }).toISODate()!);
}

/**
 * A semester schedule CSV as a study office exports it (UTF-8 with BOM, `;`): `total` classes spread over the
 * dates, half in each slot, one in ten on site; every row a different course and group, so none is a duplicate.
 */
export function semesterCsv(total: number, dates: string[]): Uint8Array {
  const lines = Array.from({ length: total }, (_, i) => {
    const date = dates[i % dates.length]!;
    const slot = (Math.floor(i / dates.length) % 2) + 1;
    const onSite = i % 10 === 9;
    const n = String(i + 1).padStart(4, "0");
    return `${date};${slot};;;K${n};Kurss ${n} — ekonomika;Pasniedzējs Ņ${n};lektors${n}@example.lv;G-${n};${onSite ? "klātienē" : "tiešsaistē"};${onSite ? "2" + n.slice(1) : ""}`;
  });
  return new TextEncoder().encode("\uFEFF" + [SCHEDULE_HEADER, ...lines].join("\r\n"));
}

/** The platform's settings and a Zoom pool of `hosts` accounts with `concurrency` lanes each. */
export async function seedPlatform(db: Db, platformId: string, hosts: number, concurrency: number): Promise<void> {
  await db
    .insert(planningSettings)
    .values({ platformId, slots: [...DEFAULT_SLOTS], infoCourseRef: "INFO" })
    .onConflictDoNothing();
  await db
    .insert(zoomHosts)
    .values(Array.from({ length: hosts }, (_, i) => ({ platformId, email: `zoom${i + 1}@example.lv`, concurrency })));
}

/**
 * `count` online classes of BK101 (group BVK-21, known to the fake Moodle) on one date, half in each slot, as
 * many as a busy study day would never have: the publishing and PDF benches' day.
 */
export async function seedDay(
  db: Db,
  platformId: string,
  classDate: string,
  count: number,
  withMeetings: boolean,
): Promise<void> {
  const slots = [
    { startsAt: DateTime.fromISO(`${classDate}T09:00`, { zone: "Europe/Riga" }), minutes: 180 },
    { startsAt: DateTime.fromISO(`${classDate}T12:45`, { zone: "Europe/Riga" }), minutes: 180 },
  ];
  const rows = Array.from({ length: count }, (_, i) => {
    const slot = slots[i % 2]!;
    const id = String(85_000_000_000 + i);
    return {
      platformId,
      naturalKey: `${classDate}-bench-${i}`,
      classDate,
      slotNo: (i % 2) + 1,
      startsAt: slot.startsAt.toJSDate(),
      endsAt: slot.startsAt.plus({ minutes: slot.minutes }).toJSDate(),
      courseRef: "BK101",
      courseTitle: `Biznesa komunikācija ${i + 1}`,
      lecturerName: `Ilze Ozoliņa ${i + 1}`,
      lecturerEmail: `ilze${i + 1}@example.lv`,
      groups: "BVK-21",
      ...(withMeetings ? { joinUrl: `https://us02web.zoom.us/j/${id}`, meetingId: id, passcode: "Xy7k2Lm9" } : {}),
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(studyClasses).values(rows.slice(i, i + 500));
}
