import type { FakeMoodle, FakeMoodleCall } from "../moodle-ws-client/test/support/fake-moodle.js";

type Json = Record<string, unknown>;

/** Answers core_group_get_course_groups / _members for any course id: 4 groups of `perGroup` students, shaped like the recordings. */
export function manyCoursesGroups(fake: FakeMoodle, perGroup: number): void {
  const recorded = (fake.fixture("core_group_get_course_groups") as Json[])[0]!;
  fake.setResponse("core_group_get_course_groups", (call: FakeMoodleCall) => {
    const courseid = Number(call.params.courseid);
    return [1, 2, 3, 4].map((g) => ({
      ...recorded,
      id: courseid * 10 + g,
      courseid,
      name: `G-${courseid}-${g}`,
      idnumber: `G-${courseid}-${g}`,
    }));
  });
  fake.setResponse("core_group_get_group_members", (call: FakeMoodleCall) =>
    (call.params.groupids as string[]).map((id) => ({
      groupid: Number(id),
      userids: Array.from({ length: perGroup }, (_, i) => 1000 + (Number(id) % 10) * perGroup + i),
    })),
  );
}

/** mod_attendance_get_sessions with `sessions` sessions of `students` students, every one marked (ids as strings, as recorded). */
export function bigAttendance(fake: FakeMoodle, sessions: number, students: number): void {
  const template = fake.fixture("mod_attendance_get_session") as Json;
  const statuses = template.statuses as Json[];
  const users = Array.from({ length: students }, (_, i) => ({
    id: 1000 + i,
    firstname: `Vārds${i}`,
    lastname: `Uzvārds${i}`,
  }));
  const list = Array.from({ length: sessions }, (_, s) => ({
    ...template,
    id: 100 + s,
    groupid: 0,
    sessdate: 1795508100 + s * 86400,
    description: `Nodarbība ${s + 1}`,
    users,
    attendance_log: users.map((u, i) => ({
      studentid: u.id,
      statusid: String((statuses[(i + s) % statuses.length] as Json).id),
      remarks: i % 50 === 0 ? "piezīme" : null,
      id: String(s * students + i),
    })),
  }));
  fake.setResponse("mod_attendance_get_sessions", () => list);
}
