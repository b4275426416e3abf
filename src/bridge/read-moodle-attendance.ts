import {
  getAttendanceSession,
  getAttendanceSessions,
  getCourseContents,
  type AttendanceSession,
  type MoodleClient,
} from "moodle-ws-client";

/** A mod_attendance activity of a course, as the lecturer picks it. */
export interface MoodleAttendance {
  attendanceId: number;
  cmid: number;
  name: string;
}

/** The course's mod_attendance activities (core_course_get_contents: modules with modname "attendance"). */
export async function listMoodleAttendances(client: MoodleClient, moodleCourseId: number): Promise<MoodleAttendance[]> {
  const sections = await getCourseContents(client, { courseid: moodleCourseId });
  return sections
    .flatMap((s) => s.modules)
    .filter((m) => m.modname === "attendance" && m.instance !== undefined)
    .map((m) => ({ attendanceId: Number(m.instance), cmid: Number(m.id), name: m.name }));
}

/**
 * Every session of a mod_attendance activity with its marks. get_sessions carries the marks; a session marked as
 * taken (lasttaken not null) whose log came back empty is read again with get_session, at most `concurrency` at once.
 */
export async function readMoodleAttendance(
  client: MoodleClient,
  attendanceId: number,
  concurrency = 4,
): Promise<AttendanceSession[]> {
  const sessions = await getAttendanceSessions(client, attendanceId);
  const reread = sessions.filter((s) => s.lasttaken && s.attendance_log.length === 0);
  const fresh = new Map<number, AttendanceSession>();
  for (let i = 0; i < reread.length; i += concurrency) {
    const batch = await Promise.all(reread.slice(i, i + concurrency).map((s) => getAttendanceSession(client, s.id)));
    for (const s of batch) fresh.set(s.id, s);
  }
  return sessions.map((s) => fresh.get(s.id) ?? s);
}
