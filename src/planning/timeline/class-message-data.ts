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
