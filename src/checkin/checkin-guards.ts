import { and, eq, gte, lte, ne } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { attendanceSessions, checkinSettings } from "../db/schema.js";
import { checkinWindowState } from "./rules/checkin-window.js";
import { verifyCode } from "./codes.js";
import { isIpAllowed, parseIpRanges } from "./ip-ranges.js";
import type { CheckinContext, CheckinSettingsRow } from "./queries.js";
import type { RefusalReason } from "./refusal.js";

/** Wrong codes a student may type in one session within RATE_WINDOW_MS before being told to wait. */
export const MAX_WRONG_PER_STUDENT = 5;
/**
 * Wrong codes one address may send to one session within RATE_WINDOW_MS, whatever the accounts: against guessing
 * with many accounts from one place. Generous, because a lecture hall's students may share one NAT address.
 */
export const MAX_WRONG_PER_IP = 50;
/** Wrong codes a whole session accepts per minute (against guessing with many accounts). */
export const MAX_WRONG_PER_SESSION_MINUTE = 300;
/**
 * How far back wrong codes count. Well under the default "Present" window (15 minutes after the start), so a
 * student who mistypes five times waits at most this long and is not pushed into "Late"; the refusal page says it.
 */
export const RATE_WINDOW_MS = 2 * 60_000;
/** The wait the rate-limit message names, in whole minutes. */
export const RATE_WAIT_MINUTES = Math.ceil(RATE_WINDOW_MS / 60_000);

/** The window and IP rules at `at` (pure): the first reason to refuse, or null. */
export function windowRefusal(
  ctx: CheckinContext,
  settings: CheckinSettingsRow | null,
  at: Date,
  ip: string,
): RefusalReason | null {
  if (!settings?.isEnabled) return "not_enabled";
  const state = checkinWindowState(
    {
      startsAt: ctx.session.startsAt,
      endsAt: ctx.session.endsAt,
      opensMinutesBefore: settings.opensMinutesBefore,
      closesMinutesAfterStart: settings.closesMinutesAfterStart,
      closedEarlyAt: settings.closedEarlyAt,
    },
    at,
  );
  if (state === "not_yet_open") return "not_open_yet";
  if (state === "closed") return "closed";
  if (!ipAllowed(ctx.options?.allowedIpRanges ?? "", ip)) return "ip_not_allowed";
  return null;
}

function ipAllowed(ranges: string, ip: string): boolean {
  if (ranges.trim() === "") return true;
  try {
    return isIpAllowed(parseIpRanges(ranges), ip);
  } catch {
    return false; // the settings form refuses bad ranges; a bad stored value fails closed
  }
}

/** The reason a code is refused: expired, another open session's code, or simply wrong. */
export async function codeRefusal(
  db: Db,
  ctx: CheckinContext,
  settings: CheckinSettingsRow,
  code: string,
  at: Date,
): Promise<RefusalReason | null> {
  const verdict = await verifyCode(settings, code, at);
  if (verdict === "ok") return null;
  if (verdict === "expired") return "expired_code";
  return (await isOtherSessionsCode(db, ctx, code, at)) ? "other_session" : "wrong_code";
}

/** The window, IP and code rules together: the first reason to refuse a check-in at `at`, or null. */
export async function admissionRefusal(
  db: Db,
  ctx: CheckinContext,
  code: string,
  at: Date,
  ip: string,
): Promise<RefusalReason | null> {
  return windowRefusal(ctx, ctx.settings, at, ip) ?? (await codeRefusal(db, ctx, ctx.settings!, code, at));
}

/** Whether the code is valid right now for another session of the same activity that is around this time. */
async function isOtherSessionsCode(db: Db, ctx: CheckinContext, code: string, at: Date): Promise<boolean> {
  const day = 24 * 3600_000;
  const others = await db
    .select({ s: checkinSettings })
    .from(attendanceSessions)
    .innerJoin(checkinSettings, eq(checkinSettings.sessionId, attendanceSessions.id))
    .where(
      and(
        eq(attendanceSessions.activityId, ctx.activity.id),
        ne(attendanceSessions.id, ctx.session.id),
        eq(checkinSettings.isEnabled, true),
        gte(attendanceSessions.startsAt, new Date(at.getTime() - day)),
        lte(attendanceSessions.startsAt, new Date(at.getTime() + day)),
      ),
    )
    .limit(20);
  for (const { s } of others) if ((await verifyCode(s, code, at)) !== "wrong") return true;
  return false;
}
