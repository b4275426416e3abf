import { DateTime } from "luxon";
import { statusLabel } from "../attendance/index.js";
import type { T } from "../i18n/i18n.js";
import type { Locale } from "../lti/actor.js";
import type { AttemptRow, CheckinContext } from "./queries.js";

interface StatusLike {
  id: number;
  acronym: string;
  description: string | null;
  defaultKey: string | null;
}

/** The confirmation a student sees: course, session, status and the time of the mark, in the course's zone. */
export function presentConfirmation(
  ctx: CheckinContext,
  outcome: "accepted" | "already",
  status: StatusLike | undefined,
  markedAt: Date,
  locale: Locale,
  t: T,
) {
  const zone = ctx.course.timezone;
  const start = DateTime.fromJSDate(ctx.session.startsAt, { zone }).setLocale(locale);
  return {
    outcome,
    courseTitle: ctx.course.title,
    activityTitle: ctx.activity.title,
    sessionLabel: `${start.toFormat("dd.MM.yyyy HH:mm")}–${DateTime.fromJSDate(ctx.session.endsAt, { zone }).toFormat("HH:mm")}`,
    sessionDescription: ctx.session.description,
    status: status ? `${status.acronym} · ${statusLabel(status as Parameters<typeof statusLabel>[0], t)}` : "",
    time: DateTime.fromJSDate(markedAt, { zone }).toFormat("HH:mm:ss"),
    activityId: ctx.activity.id,
  };
}

/** A session's attempt log for the lecturer: time, student, outcome, reason, IP, device, browser. */
export function presentAttempts(rows: AttemptRow[], names: Map<string, string>, zone: string, t: T) {
  return rows.map((r) => ({
    time: DateTime.fromJSDate(r.at, { zone }).toFormat("dd.MM HH:mm:ss"),
    student: r.userId ? (names.get(r.userId) ?? r.userId) : t("checkin.log.not_signed_in"),
    outcome: t(`checkin.log.outcome_${r.outcome}`),
    isAccepted: r.outcome === "accepted",
    reason: r.reason && r.reason !== "already" ? t(`checkin.refused.${r.reason}`) : "",
    via: t(`checkin.log.via_${r.via}`),
    ip: r.ip,
    device: r.deviceToken.slice(0, 8),
    userAgent: r.userAgent,
  }));
}
