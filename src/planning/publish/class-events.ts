import { createHash } from "node:crypto";
import type { NewCalendarEvent } from "moodle-ws-client";
import type { T } from "../../i18n/i18n.js";
import { formatMeetingId } from "../present.js";
import type { StudyClassRow } from "../queries.js";

/** One calendar event a class should have in Moodle: for the whole course (groupName "") or for one group. */
export interface DesiredEvent {
  groupName: string;
  groupId: number | null;
  event: NewCalendarEvent;
  /** A hash of what is sent: an event whose fingerprint is unchanged is left alone. */
  fingerprint: string;
}

/** Why a class cannot have its events: an i18n key below planning.publish.errors and its values. */
export interface PublishProblem {
  key: string;
  params?: Record<string, string | number>;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The join details as students read them in the event: link, meeting ID, passcode, lecturer. Never the host's start_url. */
function description(c: StudyClassRow, t: T): string {
  const url = c.linkMode === "manual" ? c.manualUrl! : c.joinUrl!;
  const lines = [`<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`];
  if (c.linkMode !== "manual" && c.meetingId)
    lines.push(
      `<p>${escapeHtml(t("planning.col_meeting_id"))}: ${escapeHtml(formatMeetingId(c.meetingId) ?? "")}<br>${escapeHtml(t("planning.col_passcode"))}: ${escapeHtml(c.passcode ?? "")}</p>`,
    );
  if (c.lecturerName) lines.push(`<p>${escapeHtml(t("planning.col_lecturer"))}: ${escapeHtml(c.lecturerName)}</p>`);
  return lines.join("");
}

/**
 * The events a class should have in its Moodle course: one group event per student group (Moodle group ids by
 * name or idnumber), or one course event when the class names no groups. Pure: the lookups are done by the caller.
 */
export function classEvents(
  c: StudyClassRow,
  courseId: number,
  groupIds: ReadonlyMap<string, number>,
  t: T,
): DesiredEvent[] | PublishProblem {
  const url = c.linkMode === "manual" ? c.manualUrl : c.joinUrl;
  if (!url) return { key: "no_join_link" };
  const groups = c.groups
    ? c.groups
        .split(",")
        .map((g) => g.trim())
        .filter(Boolean)
    : [];
  const missing = groups.filter((g) => !groupIds.has(g.toLowerCase()));
  if (missing.length) return { key: "unknown_group", params: { groups: missing.join(", "), course: c.courseRef } };
  const base = {
    name: t("planning.publish.event_name", { course: c.courseTitle || c.courseRef }),
    description: description(c, t),
    format: 1,
    courseid: courseId,
    timestart: Math.floor(c.startsAt.getTime() / 1000),
    timeduration: Math.round((c.endsAt.getTime() - c.startsAt.getTime()) / 1000),
  };
  const targets: Array<{ groupName: string; groupId: number | null }> = groups.length
    ? groups.map((g) => ({ groupName: g, groupId: groupIds.get(g.toLowerCase())! }))
    : [{ groupName: "", groupId: null }];
  return targets.map(({ groupName, groupId }) => {
    const event: NewCalendarEvent =
      groupId === null ? { ...base, eventtype: "course" } : { ...base, eventtype: "group", groupid: groupId };
    return { groupName, groupId, event, fingerprint: createHash("sha256").update(JSON.stringify(event)).digest("hex") };
  });
}
