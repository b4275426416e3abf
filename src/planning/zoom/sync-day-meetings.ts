import type { Db } from "../../db/client.js";
import type { Actor } from "../../lti/actor.js";
import {
  getPlanningSettings,
  listDayClasses,
  listZoomHosts,
  type StudyClassRow,
  type ZoomHostRow,
} from "../queries.js";
import { takeHostCall } from "./host-usage.js";
import { meetingBodyOf, newPasscode } from "./meeting-body.js";
import { needsZoom, placeDayHosts } from "./place-day-hosts.js";
import type { ZoomClient } from "./zoom-client.js";
import { saveClassMeeting, saveClassZoomError } from "./zoom-queries.js";
import { ZoomError } from "./zoom-errors.js";

export interface SyncDayResult {
  ok: number;
  failed: Array<{ classId: number; error: string }>;
  unplaced: number[];
}

/**
 * The coordinator's "assign Zoom" for a day: re-plans hosts (keeping what it can), then creates, moves, updates or
 * deletes each class's meeting. A Zoom failure for one class is stored on that class and does not stop the others.
 */
export async function syncDayMeetings(
  db: Db,
  actor: Actor,
  classDate: string,
  zoom: ZoomClient,
  now: Date,
): Promise<SyncDayResult> {
  const settings = await getPlanningSettings(db, actor.platformId);
  const hosts = await listZoomHosts(db, actor.platformId);
  const unplaced = await placeDayHosts(db, await listDayClasses(db, actor.platformId, classDate), hosts, now);
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const result: SyncDayResult = { ok: 0, failed: [], unplaced };
  for (const c of await listDayClasses(db, actor.platformId, classDate)) {
    if (!needsZoom(c) && !c.meetingId) continue;
    if (needsZoom(c) && !c.zoomHostId) continue;
    try {
      await syncClass(db, zoom, c, byId, settings.timezone, now);
      result.ok++;
    } catch (err) {
      if (!(err instanceof ZoomError)) throw err;
      await saveClassZoomError(db, c.id, err.kind);
      result.failed.push({ classId: c.id, error: err.kind });
    }
  }
  return result;
}

async function syncClass(
  db: Db,
  zoom: ZoomClient,
  c: StudyClassRow,
  hosts: Map<number, ZoomHostRow>,
  zone: string,
  now: Date,
): Promise<void> {
  const save = (set: Parameters<typeof saveClassMeeting>[2]) => saveClassMeeting(db, c.id, set, now);
  const gone = !needsZoom(c) || (c.meetingHostId !== null && c.meetingHostId !== c.zoomHostId);
  if (c.meetingId && gone) {
    await zoom.deleteMeeting(c.meetingId).catch((err: unknown) => {
      if (!(err instanceof ZoomError && err.kind === "not_found")) throw err; // already gone at Zoom: fine
    });
    await save({ meetingId: null, meetingHostId: null, joinUrl: null, passcode: null });
    c = { ...c, meetingId: null };
    if (!needsZoom(c)) return;
  }
  const host = hosts.get(c.zoomHostId!)!;
  if (c.meetingId && c.zoomSyncedAt && c.zoomSyncedAt >= c.updatedAt) return; // nothing changed since the last sync
  if (!(await takeHostCall(db, host.id, now))) throw new ZoomError("daily_cap", null);
  const passcode = c.passcode ?? newPasscode();
  const body = meetingBodyOf(c, zone, passcode);
  if (c.meetingId) {
    await zoom.updateMeeting(c.meetingId, body);
    await save({ passcode });
    return;
  }
  const meeting = await zoom.createMeeting(host.zoomUserId ?? host.email, body);
  await save({
    meetingId: meeting.id,
    meetingHostId: host.id,
    joinUrl: meeting.join_url,
    passcode: meeting.password || passcode,
  });
}
