import { createSessions } from "../../src/attendance/sessions/create-sessions.js";
import { listStatusSets } from "../../src/attendance/statuses/queries.js";
import { saveCheckinOptions, saveCheckinSettings } from "../../src/checkin/save-checkin-settings.js";
import type { SessionCheckinInput } from "../../src/checkin/settings-schema.js";
import type { Db } from "../../src/db/client.js";
import { courseFixture, type CourseFixture } from "../attendance/fixtures.js";

export interface CheckinFixture extends CourseFixture {
  sessionId: number;
  statuses: Record<"P" | "L" | "E" | "A", number>;
}

/** A course with `students` learners and one session on 2025-10-01 09:00–10:30 Riga (06:00Z) with check-in set up. */
export async function checkinFixture(
  db: Db,
  students = 6,
  settings: Partial<SessionCheckinInput> = {},
  options?: { allowedIpRanges?: string; isOneDevicePerSession?: boolean },
  course: { lineItemUrl?: string; scoreMaximum?: number } = {},
): Promise<CheckinFixture> {
  const c = await courseFixture(db, students, course);
  const [sessionId] = (await createSessions(
    db,
    c.lecturer,
    c.activityId,
    {
      date: "2025-10-01",
      startTime: "09:00",
      endTime: "10:30",
      description: "Lekcija",
      room: null,
      lecturerUserId: null,
      groupIds: [],
    },
    null,
  )) as [number];
  const [set] = await listStatusSets(db, c.activityId);
  const [P, L, E, A] = set!.statuses.map((s) => s.id) as [number, number, number, number];
  await saveCheckinSettings(
    db,
    c.lecturer,
    c.activityId,
    sessionId,
    {
      isEnabled: true,
      opensMinutesBefore: 10,
      closesMinutesAfterStart: null,
      fixedStatusId: null,
      method: "password",
      stepSeconds: 10,
      password: "abc123",
      ...settings,
    },
    new Date("2025-10-01T05:00:00Z"),
  );
  if (options)
    await saveCheckinOptions(
      db,
      c.lecturer,
      c.activityId,
      { allowedIpRanges: options.allowedIpRanges ?? "", isOneDevicePerSession: options.isOneDevicePerSession ?? false },
      new Date("2025-10-01T05:00:00Z"),
    );
  return { ...c, sessionId, statuses: { P, L, E, A } };
}

/** A session start plus minutes. */
export const at = (minutes: number, seconds = 0) => new Date(Date.UTC(2025, 9, 1, 6, minutes, seconds));

/** Request facts for a device. */
export const device = (token = "device-token-aaaaaaaaaaaa", ip = "10.1.2.3") => ({
  ip,
  userAgent: "Mozilla/5.0 (iPhone)",
  deviceToken: token,
});
