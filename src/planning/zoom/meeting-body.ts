import { randomInt } from "node:crypto";
import { DateTime } from "luxon";
import type { MeetingBody } from "./zoom-client.js";

/** Zoom's passcode alphabet ([A-Za-z0-9@-_*]); we use letters and digits only, so a passcode is easy to read out. */
const PASSCODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/** A random passcode of at most 10 characters Zoom accepts. */
export function newPasscode(length = 8): string {
  return Array.from({ length: Math.min(length, 10) }, () => PASSCODE_CHARS[randomInt(PASSCODE_CHARS.length)]).join("");
}

/** Is this a passcode Zoom accepts (≤ 10 of [A-Za-z0-9@-_*])? */
export function isValidPasscode(p: string): boolean {
  return /^[A-Za-z0-9@\-_*]{1,10}$/.test(p);
}

/** The Zoom body of a class: local start time with the zone named, duration in minutes, passcode, waiting room. */
export function meetingBodyOf(
  c: { courseRef: string; courseTitle: string; groups: string; startsAt: Date; endsAt: Date },
  zone: string,
  passcode: string,
): MeetingBody {
  const start = DateTime.fromJSDate(c.startsAt, { zone });
  return {
    topic: [c.courseRef, c.courseTitle, c.groups].filter(Boolean).join(" · ").slice(0, 200),
    type: 2,
    start_time: start.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    timezone: zone,
    duration: Math.round((c.endsAt.getTime() - c.startsAt.getTime()) / 60_000),
    password: passcode,
    settings: { waiting_room: true, join_before_host: false, mute_upon_entry: true },
  };
}
