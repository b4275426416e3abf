import { DateTime } from "luxon";
import type { T } from "../i18n/i18n.js";
import { problemText } from "./bridge-problem.js";

/** The groups page's Moodle box: whether it can sync, when it last did, and why the last try failed. */
export interface GroupSyncView {
  isConnected: boolean;
  syncedAt: string | null;
  groupCount: number;
  problem: string;
}

const when = (d: Date, zone: string, locale: string) =>
  DateTime.fromJSDate(d).setZone(zone).setLocale(locale).toFormat("d. LLL yyyy HH:mm");

/** The state row (or none) as the groups page shows it, in the course's zone. */
export function presentGroupSync(
  isConnected: boolean,
  row: {
    syncedAt: Date | null;
    groupCount: number;
    errorKey: string | null;
    errorParams: Record<string, string | number> | null;
  } | null,
  t: T,
  zone: string,
  locale: string,
): GroupSyncView {
  return {
    isConnected,
    syncedAt: row?.syncedAt ? when(row.syncedAt, zone, locale) : null,
    groupCount: row?.groupCount ?? 0,
    problem: row ? problemText(t, row.errorKey, row.errorParams) : "",
  };
}

/** One session's calendar state as a badge: its tone, its words and, when it failed, why. */
export interface CalendarBadge {
  tone: "success" | "secondary" | "warning" | "danger";
  text: string;
  problem: string;
  canRetry: boolean;
}

/** The calendar badge of a session, or null when the session never went to Moodle (no connection). */
export function presentCalendarBadge(
  row: { status: string; errorKey: string | null; errorParams: Record<string, string | number> | null } | undefined,
  t: T,
): CalendarBadge | null {
  if (!row) return null;
  const tone =
    row.status === "synced"
      ? "success"
      : row.status === "failed"
        ? "danger"
        : row.status === "not_connected"
          ? "warning"
          : "secondary";
  return {
    tone,
    text: t(`bridge.calendar.status.${row.status}`),
    problem: problemText(t, row.errorKey, row.errorParams),
    canRetry: row.status === "failed" || row.status === "not_connected",
  };
}
