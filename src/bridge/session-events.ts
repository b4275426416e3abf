import { createHash } from "node:crypto";
import type { NewCalendarEvent } from "moodle-ws-client";

/** What a session's events are made from (loaded by the caller). */
export interface SessionForCalendar {
  id: number;
  activityTitle: string;
  description: string;
  room: string | null;
  startsAt: Date;
  endsAt: Date;
  /** The session's groups; only Moodle's groups have a Moodle id. */
  groups: { name: string; moodleGroupId: string | null }[];
}

/** One event a session should have in Moodle: a course event (groupId null) or one group's event. */
export interface DesiredSessionEvent {
  groupId: number | null;
  event: NewCalendarEvent;
  fingerprint: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The events a session should have: one group event per Moodle group of the session, else one course event
 * (a session only for the lecturer's own tool groups is shown to the course, naming the groups). Pure.
 */
export function sessionEvents(s: SessionForCalendar, moodleCourseId: number): DesiredSessionEvent[] {
  const moodleGroups = s.groups.filter((g) => g.moodleGroupId !== null).map((g) => Number(g.moodleGroupId));
  const toolGroups = s.groups.filter((g) => g.moodleGroupId === null).map((g) => g.name);
  const lines = [s.description, s.room ?? "", toolGroups.join(", ")]
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`);
  const base = {
    name: s.description ? `${s.activityTitle}: ${s.description}` : s.activityTitle,
    description: lines.join(""),
    format: 1,
    courseid: moodleCourseId,
    timestart: Math.floor(s.startsAt.getTime() / 1000),
    timeduration: Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 1000),
  };
  const targets = moodleGroups.length > 0 && toolGroups.length === 0 ? moodleGroups : [null];
  return targets.map((groupId) => {
    const event: NewCalendarEvent =
      groupId === null ? { ...base, eventtype: "course" } : { ...base, eventtype: "group", groupid: groupId };
    return { groupId, event, fingerprint: createHash("sha256").update(JSON.stringify(event)).digest("hex") };
  });
}
