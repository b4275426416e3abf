import { DateTime } from "luxon";
import { statusLabel } from "../attendance/index.js";
import type { FollowupConfig } from "../db/schema.js";
import type { T } from "../i18n/i18n.js";
import type { Locale } from "../lti/actor.js";
import type { AtRiskLine } from "./get-at-risk.js";
import type { RuleStatus } from "./rules-config.js";
import { absenceStatusIds } from "./rules-config.js";

/** "33,3 %" / "33.3 %"; an empty figure is a dash. */
export function formatPercent(v: number | null, locale: Locale): string {
  if (v === null) return "–";
  return `${new Intl.NumberFormat(locale === "lv" ? "lv-LV" : "en-GB", { maximumFractionDigits: 1 }).format(v)} %`;
}

/** A day as its reader writes it: "01.10.2026." / "1 Oct 2026", in the course's zone. */
export function formatDay(d: Date | null, zone: string, locale: Locale): string {
  if (!d) return "–";
  const at = DateTime.fromJSDate(d, { zone }).setLocale(locale);
  return locale === "lv" ? at.toFormat("dd.MM.yyyy.") : at.toFormat("d LLL yyyy");
}

export interface AtRiskLineView {
  activityId: number;
  userId: string;
  name: string;
  course: string;
  percent: string;
  trend: string;
  trendKey: string;
  inARow: number;
  lastAttended: string;
  openWarnings: number;
  lastWarned: string;
  isBelow: boolean;
  isInARow: boolean;
  /** "contacted on 02.11.2026. by Ilze Ozoliņa", or empty. */
  contacted: string;
  isFollowed: boolean;
}

/** The at-risk lines as the page and the exports write them. */
export function presentAtRisk(lines: AtRiskLine[], t: T, locale: Locale): AtRiskLineView[] {
  return lines.map((l) => ({
    activityId: l.activityId,
    userId: l.userId,
    name: l.name,
    course: `${l.courseTitle} · ${l.activityTitle}`,
    percent: formatPercent(l.percent, locale),
    trend: t(`followup.trend.${l.trend ?? "none"}`),
    trendKey: l.trend ?? "none",
    inARow: l.inARow,
    lastAttended: formatDay(l.lastAttendedAt, l.timezone, locale),
    openWarnings: l.openWarnings,
    lastWarned: formatDay(l.lastWarnedAt, l.timezone, locale),
    isBelow: l.isBelow,
    isInARow: l.isInARow,
    contacted: l.lastContact
      ? t("followup.contact.contacted", { date: formatDay(l.lastContact.at, l.timezone, locale), by: l.lastContact.by })
      : "",
    isFollowed: l.isFollowed,
  }));
}

/** The rules form: the saved configuration (or the defaults) and the statuses to choose absences from. */
export function presentRulesForm(config: FollowupConfig, statuses: RuleStatus[], t: T) {
  const absent = new Set(absenceStatusIds(config, statuses));
  const fields: Record<string, string> = {
    delayMinutes: String(config.delayMinutes),
    mentorEmails: config.mentorEmails.join(", "),
    belowPercent: String(config.below.percent),
    belowMinSessions: String(config.below.minSessions),
    consecutiveCount: String(config.consecutive.count),
  };
  for (const rule of ["below", "consecutive", "unexcused"] as const)
    for (const k of ["isOn", "toStudent", "toLecturers", "toMentors"] as const)
      if (config[rule][k]) fields[`${rule}${k[0]!.toUpperCase()}${k.slice(1)}`] = "on";
  return {
    /** The form's values by field name ("on" for a ticked box), as a refused form's typed values are. */
    fields,
    statuses: statuses.map((s) => ({
      id: s.id,
      label: `${s.acronym} (${statusLabel(s, t)})`,
      isAbsence: absent.has(s.id),
    })),
  };
}
