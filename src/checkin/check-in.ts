import type { Db } from "../db/client.js";
import { NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { selfCheckinStatus } from "./rules/self-checkin-status.js";
import {
  codeRefusal,
  MAX_WRONG_PER_SESSION_MINUTE,
  MAX_WRONG_PER_STUDENT,
  RATE_WINDOW_MS,
  windowRefusal,
} from "./checkin-guards.js";
import { logAttempt, type RequestFacts } from "./log-attempt.js";
import { countWrongFromAddress, refundGuess, reserveGuess } from "./reserve-guess.js";
import type { StatusRow } from "../attendance/index.js";
import { getMark, loadCheckin, type CheckinContext, type CheckinLook } from "./queries.js";
import { recordSelfMark } from "./record-self-mark.js";
import { CheckinRefused, type RefusalReason } from "./refusal.js";

export interface CheckInInput {
  sessionId: number;
  code: string;
  via: "link" | "typed" | "pending";
  /** When the code was scanned (a pending check-in completed after the Moodle login); default `now`. */
  scannedAt?: Date;
}

export interface CheckInResult {
  outcome: "accepted" | "already";
  context: CheckinContext;
  statusId: number;
  markedAt: Date;
  /** The session set's statuses when they were loaded (the confirmation reuses them). */
  statuses?: StatusRow[];
}

/**
 * A student's own check-in: only a student of the course (and of the session's group), only inside the
 * window, only with a valid code. Writes one mark (by 'self') and its history; a second scan changes nothing.
 * Every attempt is logged; a refusal throws CheckinRefused and writes no mark.
 */
export async function checkIn(
  db: Db,
  actor: Actor,
  input: CheckInInput,
  now: Date,
  facts: RequestFacts,
  loaded?: CheckinLook,
): Promise<CheckInResult> {
  const fits = loaded?.context.session.id === input.sessionId && loaded.userId === actor.userId;
  const look = fits
    ? loaded
    : await loadCheckin(db, input.sessionId, { userId: actor.userId }, now, new Date(now.getTime() - RATE_WINDOW_MS));
  if (!look || look.context.activity.courseId !== actor.courseId || look.context.activity.id !== actor.activityId)
    throw NotFound();
  const ctx = look.context;
  const at = input.scannedAt ?? now;
  const refuse = async (reason: RefusalReason): Promise<never> => {
    await logAttempt(
      db,
      { sessionId: ctx.session.id, userId: actor.userId, outcome: "refused", reason, via: input.via },
      facts,
      now,
    );
    throw CheckinRefused(reason);
  };
  const standing = look.standing!;
  if (standing.mark?.by === "self") return already(db, ctx, standing.mark, actor, input, facts, now);
  const membership = actor.isStudent ? standing.membership : "not_student";
  if (membership !== "member") return refuse(membership);
  // a mark the lecturer (or the close, or an import) made is theirs: never "you are already checked in"
  if (standing.mark) return refuse("marked_by_lecturer");
  const settings = ctx.settings!;
  const early = windowRefusal(ctx, ctx.settings, at, facts.ip);
  if (early) return refuse(early);
  const wrong = standing.wrong;
  if (wrong.mine >= MAX_WRONG_PER_STUDENT || wrong.session >= MAX_WRONG_PER_SESSION_MINUTE)
    return refuse("rate_limited");
  // The read above is a cheap first answer; the count that holds under parallel guesses is taken here, before the compare.
  const guesser = { sessionId: ctx.session.id, userId: actor.userId, ip: facts.ip };
  if (!(await reserveGuess(db, guesser, now))) return refuse("rate_limited");
  const bad = await codeRefusal(db, ctx, settings, input.code, at);
  if (bad === "wrong_code" && !(await countWrongFromAddress(db, guesser, now))) return refuse("rate_limited");
  if (bad && bad !== "wrong_code") await refundGuess(db, guesser, now);
  if (bad) return refuse(bad);
  const statuses = look.statuses;
  const statusId = settings.fixedStatusId ?? selfCheckinStatus(statuses, ctx.session.startsAt, at);
  if (statusId === null) return refuse("no_status");
  const result = await writeMark(db, ctx, actor, statusId, input, facts, now);
  if (result === "wrong_device" || result === "marked_by_lecturer") return refuse(result);
  return { ...result, statuses };
}

async function already(
  db: Db,
  ctx: CheckinContext,
  mark: { statusId: number; markedAt: Date },
  actor: Actor,
  input: CheckInInput,
  facts: RequestFacts,
  now: Date,
): Promise<CheckInResult> {
  await logAttempt(
    db,
    { sessionId: ctx.session.id, userId: actor.userId, outcome: "already", reason: "already", via: input.via },
    facts,
    now,
  );
  return { outcome: "already", context: ctx, statusId: mark.statusId, markedAt: mark.markedAt };
}

/** The write of an accepted check-in (one statement); a concurrent scan of the same student ends as "already". */
async function writeMark(
  db: Db,
  ctx: CheckinContext,
  actor: Actor,
  statusId: number,
  input: CheckInInput,
  facts: RequestFacts,
  now: Date,
): Promise<CheckInResult | "wrong_device" | "marked_by_lecturer"> {
  const sessionId = ctx.session.id;
  const outcome = await recordSelfMark(
    db,
    {
      sessionId,
      activityId: ctx.activity.id,
      userId: actor.userId,
      statusId,
      via: input.via,
      isGraded: Boolean(ctx.activity.lineItemUrl),
      isOneDevicePerSession: Boolean(ctx.options?.isOneDevicePerSession),
    },
    facts,
    now,
  );
  if (outcome === "wrong_device") return outcome;
  if (outcome === "already") {
    const mark = (await getMark(db, sessionId, actor.userId))!;
    if (mark.by !== "self") return "marked_by_lecturer";
    return already(db, ctx, mark, actor, input, facts, now);
  }
  return { outcome, context: ctx, statusId, markedAt: now };
}
