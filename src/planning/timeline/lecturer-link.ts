import { createHmac, timingSafeEqual } from "node:crypto";
import { DateTime } from "luxon";

/** Whose link it is: one lecturer (by the schedule's email) for one study day of one platform. */
export interface LecturerLinkPayload {
  platformId: string;
  classDate: string;
  email: string;
}

/** How long after the study day a lecturer's link still works. */
export const LINK_DAYS_AFTER = 7;

const mac = (key: string, body: string) =>
  createHmac("sha256", `studyday-lecturer:${key}`).update(body).digest("base64url").slice(0, 22);

/** The end of the link's life: the end of the study day + 7 days, in the platform's zone. */
export function linkExpiry(classDate: string, zone: string): Date {
  return DateTime.fromISO(classDate, { zone })
    .plus({ days: LINK_DAYS_AFTER + 1 })
    .startOf("day")
    .toJSDate();
}

/**
 * The token in a lecturer's reminder (`/studyday/l/<token>`): the payload and its expiry in base64url and an HMAC over
 * them with the app's key, so it needs no Moodle login and cannot be edited into another lecturer's or day's link.
 */
export function signLecturerLink(key: string, p: LecturerLinkPayload, zone: string): string {
  const exp = Math.floor(linkExpiry(p.classDate, zone).getTime() / 1000);
  const body = Buffer.from(JSON.stringify([p.platformId, p.classDate, p.email.toLowerCase(), exp])).toString(
    "base64url",
  );
  return `${body}.${mac(key, body)}`;
}

export type LinkReading = { ok: true; payload: LecturerLinkPayload } | { ok: false; reason: "invalid" | "expired" };

/** Reads a token: its payload when genuine and not expired at `now`. */
export function readLecturerLink(key: string, token: string, now: Date): LinkReading {
  const m = /^([A-Za-z0-9_-]{4,800})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(mac(key, m[1]!));
  const given = Buffer.from(m[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  try {
    const [platformId, classDate, email, exp] = JSON.parse(
      Buffer.from(m[1]!, "base64url").toString("utf8"),
    ) as unknown[];
    if (typeof platformId !== "string" || typeof classDate !== "string" || typeof email !== "string")
      return { ok: false, reason: "invalid" };
    if (typeof exp !== "number" || now.getTime() >= exp * 1000) return { ok: false, reason: "expired" };
    return { ok: true, payload: { platformId, classDate, email } };
  } catch {
    return { ok: false, reason: "invalid" };
  }
}
