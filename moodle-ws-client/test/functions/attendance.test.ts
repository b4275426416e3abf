import { expect } from "chai";
import {
  addAttendance,
  addAttendanceSession,
  getAttendanceSession,
  getAttendanceSessions,
  getCoursesWithTodaySessions,
  removeAttendance,
  removeAttendanceSession,
  updateAttendanceUserStatus,
} from "../../src/index.js";
import { expectRecordedBody } from "../support/expect-recorded-body.js";
import { startFakeMoodle, type FakeMoodle } from "../support/fake-moodle.js";
import { clientFor } from "../support/test-client.js";

describe("mod_attendance wrappers", () => {
  let fake: FakeMoodle;
  beforeEach(async () => (fake = await startFakeMoodle()));
  afterEach(async () => fake.close());
  const params = <T>(name: string) => fake.fixtures.get(name)?.params as T;

  it("addAttendance returns the new attendance id", async () => {
    type P = { courseid: number; name: string; intro: string; groupmode: number };
    expect(await addAttendance(clientFor(fake), params<P>("mod_attendance_add_attendance"))).to.deep.equal({
      attendanceid: 1,
    });
    expectRecordedBody(fake, "mod_attendance_add_attendance");
  });

  it("removeAttendance accepts Moodle's true", async () => {
    expect(await removeAttendance(clientFor(fake), 3)).to.equal(undefined);
    expectRecordedBody(fake, "mod_attendance_remove_attendance");
  });

  it("addAttendanceSession creates a group session with a calendar event", async () => {
    type P = Parameters<typeof addAttendanceSession>[1];
    const result = await addAttendanceSession(clientFor(fake), params<P>("mod_attendance_add_session"));
    expect(result).to.deep.equal({ sessionid: 1 });
    expectRecordedBody(fake, "mod_attendance_add_session");
  });

  it("addAttendanceSession without groups gets its own recorded id", async () => {
    type P = Parameters<typeof addAttendanceSession>[1];
    const result = await addAttendanceSession(clientFor(fake), params<P>("mod_attendance_add_session-nogroups"));
    expect(result).to.deep.equal({ sessionid: 5 });
  });

  it("removeAttendanceSession accepts Moodle's true", async () => {
    expect(await removeAttendanceSession(clientFor(fake), 6)).to.equal(undefined);
    expectRecordedBody(fake, "mod_attendance_remove_session");
  });

  it("getAttendanceSessions returns sessions with statuses and expected students", async () => {
    const sessions = await getAttendanceSessions(clientFor(fake), 1);
    expect(sessions[0]?.statuses.map((s) => s.acronym)).to.deep.equal(["P", "L", "E", "A"]);
    expect(sessions[0]?.lasttaken).to.equal(null);
    expect(sessions[0]?.users.map((u) => u.id)).to.deep.equal([4, 5, 6]);
    expectRecordedBody(fake, "mod_attendance_get_sessions");
  });

  it("getAttendanceSession turns the string ids of attendance_log into numbers", async () => {
    const session = await getAttendanceSession(clientFor(fake), 1);
    expect(session.attendance_log).to.deep.equal([
      { studentid: 4, statusid: 5, remarks: null, id: 1 },
      { studentid: 5, statusid: 7, remarks: null, id: 2 },
      { studentid: 6, statusid: 6, remarks: null, id: 3 },
    ]);
    expect(session.lasttakenby).to.equal(3);
    expectRecordedBody(fake, "mod_attendance_get_session");
  });

  it("updateAttendanceUserStatus treats null as success and sends statusset as a string", async () => {
    const input = { sessionid: 1, studentid: 4, takenbyid: 3, statusid: 5, statusset: 0 };
    expect(await updateAttendanceUserStatus(clientFor(fake), input)).to.equal(undefined);
    expectRecordedBody(fake, "mod_attendance_update_user_status");
  });

  it("getCoursesWithTodaySessions returns today's sessions per course name", async () => {
    const courses = await getCoursesWithTodaySessions(clientFor(fake), 3);
    expect(courses[0]?.shortname).to.equal("BK101");
    expect(courses[0]?.attendance_instances[0]?.today_sessions[0]).to.include({ id: 3, groupid: 1, lasttaken: null });
    expectRecordedBody(fake, "mod_attendance_get_courses_with_today_sessions");
  });
});
