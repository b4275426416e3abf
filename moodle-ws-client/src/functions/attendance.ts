import type { MoodleClient } from "../client/moodle-client.js";
import { parseResult } from "../client/parse-result.js";
import {
  attendanceSessionSchema,
  coursesWithTodaySessionsSchema,
  type AttendanceSession,
  type CoursesWithTodaySessions,
} from "../schemas/attendance.js";
import { intSchema } from "../schemas/common.js";
import { z } from "zod";

/** Creates a mod_attendance activity in a course; `groupmode` 0 none, 1 separate, 2 visible groups. */
export async function addAttendance(
  client: MoodleClient,
  input: { courseid: number; name: string; intro?: string; groupmode?: number },
): Promise<{ attendanceid: number }> {
  const fn = "mod_attendance_add_attendance";
  return parseResult(z.object({ attendanceid: intSchema }), await client.call(fn, input), fn);
}

/** Deletes a mod_attendance activity with all its sessions and marks. */
export async function removeAttendance(client: MoodleClient, attendanceid: number): Promise<void> {
  const fn = "mod_attendance_remove_attendance";
  parseResult(z.union([z.boolean(), z.null()]), await client.call(fn, { attendanceid }), fn);
}

/** Adds a session; in separate-groups mode `groupid` must not be 0 (Moodle only says "invalid parameter"). */
export async function addAttendanceSession(
  client: MoodleClient,
  input: {
    attendanceid: number;
    description: string;
    sessiontime: number;
    duration: number;
    groupid?: number;
    addcalendarevent?: boolean;
  },
): Promise<{ sessionid: number }> {
  const fn = "mod_attendance_add_session";
  return parseResult(z.object({ sessionid: intSchema }), await client.call(fn, input), fn);
}

/** Deletes one session with its marks. A second delete fails with MoodleNotFoundError. */
export async function removeAttendanceSession(client: MoodleClient, sessionid: number): Promise<void> {
  const fn = "mod_attendance_remove_session";
  parseResult(z.union([z.boolean(), z.null()]), await client.call(fn, { sessionid }), fn);
}

/** All sessions of an activity with statuses, marks and expected students: the source of an import. */
export async function getAttendanceSessions(client: MoodleClient, attendanceid: number): Promise<AttendanceSession[]> {
  const fn = "mod_attendance_get_sessions";
  return parseResult(z.array(attendanceSessionSchema), await client.call(fn, { attendanceid }), fn);
}

/** One session with its statuses, marks and expected students. */
export async function getAttendanceSession(client: MoodleClient, sessionid: number): Promise<AttendanceSession> {
  const fn = "mod_attendance_get_session";
  return parseResult(attendanceSessionSchema, await client.call(fn, { sessionid }), fn);
}

/**
 * Marks one student in a session (export to mod_attendance). Moodle answers `null` on success, although
 * it declares a text result. `statusset` is sent as a string, as Moodle's own client does.
 */
export async function updateAttendanceUserStatus(
  client: MoodleClient,
  input: { sessionid: number; studentid: number; takenbyid: number; statusid: number; statusset: number | string },
): Promise<void> {
  const fn = "mod_attendance_update_user_status";
  const params = { ...input, statusset: String(input.statusset) };
  parseResult(z.union([z.null(), z.string()]), await client.call(fn, params), fn);
}

/** Courses where a user has attendance sessions today (server day); they carry names, not course ids. */
export async function getCoursesWithTodaySessions(
  client: MoodleClient,
  userid: number,
): Promise<CoursesWithTodaySessions> {
  const fn = "mod_attendance_get_courses_with_today_sessions";
  return parseResult(coursesWithTodaySessionsSchema, await client.call(fn, { userid }), fn);
}
