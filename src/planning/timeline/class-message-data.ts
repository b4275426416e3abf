import { formatMeetingId } from "../present.js";
import type { StudyClassRow } from "../queries.js";

/** A class as reminder and cancellation templates read it; never the host's start URL (Rollbook never has it). */
export interface ClassMessageData {
  id: number;
  startsAt: string;
  endsAt: string;
  courseRef: string;
  courseTitle: string;
  groups: string;
  isOnline: boolean;
  room: string;
  joinUrl: string | null;
  meetingId: string | null;
  passcode: string | null;
  /** The Zoom account the meeting lives on: the lecturer starts it from there (the start link expires in hours). */
  hostEmail: string | null;
}

/** The join details of a class as people may be told them: a manual link, or the Zoom meeting's link, id and passcode. */
export function classMessageData(c: StudyClassRow, hostEmail: string | null): ClassMessageData {
  const isManual = c.linkMode === "manual";
  return {
    id: c.id,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    courseRef: c.courseRef,
    courseTitle: c.courseTitle,
    groups: c.groups,
    isOnline: c.isOnline,
    room: c.room,
    joinUrl: c.isOnline ? (isManual ? c.manualUrl : c.joinUrl) : null,
    meetingId: c.isOnline && !isManual ? formatMeetingId(c.meetingId) : null,
    passcode: c.isOnline && !isManual ? c.passcode : null,
    hostEmail: c.isOnline && !isManual ? hostEmail : null,
  };
}

/** Whether people can be told how to join: on site, or online with a link. */
export const hasJoinDetails = (c: StudyClassRow) =>
  !c.isOnline || Boolean(c.linkMode === "manual" ? c.manualUrl : c.joinUrl);

/** The keys of message data that let someone join a class (links, meeting ids, passcodes). */
const JOIN_KEYS = new Set(["joinUrl", "manualUrl", "meetingId", "passcode"]);

/**
 * A message's data without any way to join its classes (at cleanup, T+3): every joinUrl, manualUrl, meetingId and
 * passcode at any depth becomes null, and a change-log entry about one of them loses its old and new values.
 */
export function withoutJoinDetails<T>(data: T): T {
  if (Array.isArray(data)) return data.map((d) => withoutJoinDetails(d)) as T;
  if (!data || typeof data !== "object") return data;
  const o = data as Record<string, unknown>;
  const isJoinChange = typeof o.field === "string" && JOIN_KEYS.has(o.field);
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [
      k,
      JOIN_KEYS.has(k) || (isJoinChange && (k === "from" || k === "to" || k === "before" || k === "after"))
        ? null
        : withoutJoinDetails(v),
    ]),
  ) as T;
}
