import { expect } from "chai";
import {
  addAttendanceSession,
  deleteCalendarEvents,
  deleteForumPost,
  getCourseContents,
  getCourseGroups,
  getSiteInfo,
  MoodleCapabilityError,
  MoodleError,
  MoodleFunctionNotInServiceError,
  MoodleInvalidParameterError,
  MoodleInvalidTokenError,
  MoodleNetworkError,
  MoodleNotFoundError,
  MoodleResponseError,
  MoodleTimeoutError,
  removeAttendanceSession,
} from "../../src/index.js";
import { FakeReply, startFakeMoodle, type FakeMoodle } from "../support/fake-moodle.js";
import { clientFor } from "../support/test-client.js";

async function failure(promise: Promise<unknown>): Promise<MoodleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof MoodleError)) throw new Error(`expected a MoodleError, got ${String(error)}`);
  return error;
}

describe("Moodle's ways of failing, as typed errors", () => {
  let fake: FakeMoodle;
  beforeEach(async () => (fake = await startFakeMoodle()));
  afterEach(async () => fake.close());
  const student = () => clientFor(fake, { token: fake.tokens["janis.berzins"] });

  it("a wrong token gives MoodleInvalidTokenError (sent with HTTP 200)", async () => {
    const error = await failure(getSiteInfo(clientFor(fake, { token: "wrong" })));
    expect(error).to.be.instanceOf(MoodleInvalidTokenError);
    expect(error.errorcode).to.equal("invalidtoken");
    expect(error.exception).to.equal("moodle_exception");
    expect(error.message).to.contain("Manage tokens");
  });

  it("a function missing from the service names the function to add", async () => {
    fake.serviceFunctions.delete("mod_attendance_add_session");
    const input = { attendanceid: 1, description: "x", sessiontime: 1795508100, duration: 5400, groupid: 1 };
    const error = await failure(addAttendanceSession(clientFor(fake), input));
    expect(error).to.be.instanceOf(MoodleFunctionNotInServiceError);
    expect(error.errorcode).to.equal("accessexception");
    expect(error.exception).to.equal("webservice_access_exception");
    expect((error as MoodleFunctionNotInServiceError).missingFunction).to.equal("mod_attendance_add_session");
    expect(error.message).to.contain('Add "mod_attendance_add_session"');
    expect(error.message).to.contain("External services");
  });

  it("the recorded core_user_create_users outside the service is MoodleFunctionNotInServiceError", async () => {
    const error = await failure(clientFor(fake).call("core_user_create_users", { users: [{ username: "x" }] }));
    expect(error).to.be.instanceOf(MoodleFunctionNotInServiceError);
    expect(error.wsfunction).to.equal("core_user_create_users");
  });

  it("a student adding a session gets MoodleCapabilityError with the missing permission", async () => {
    const input = {
      attendanceid: 1,
      description: "Nelegāls mēģinājums",
      sessiontime: 1796026500,
      duration: 5400,
      groupid: 1,
    };
    const error = await failure(addAttendanceSession(student(), input));
    expect(error).to.be.instanceOf(MoodleCapabilityError);
    expect(error.errorcode).to.equal("nopermissions");
    expect(error.exception).to.equal("required_capability_exception");
    expect((error as MoodleCapabilityError).permission).to.equal("Manage Attendances");
  });

  it("a student deleting a course event gets MoodleCapabilityError", async () => {
    const error = await failure(deleteCalendarEvents(student(), [{ eventid: 6, repeat: 0 }]));
    expect(error).to.be.instanceOf(MoodleCapabilityError);
    expect((error as MoodleCapabilityError).permission).to.equal("Delete event");
  });

  it("a student deleting the announcement gets MoodleCapabilityError (cannotdeletepost)", async () => {
    const error = await failure(deleteForumPost(student(), 1));
    expect(error).to.be.instanceOf(MoodleCapabilityError);
    expect(error.errorcode).to.equal("cannotdeletepost");
  });

  it("a course id that is not a number gives MoodleInvalidParameterError", async () => {
    const error = await failure(clientFor(fake).call("core_course_get_contents", { courseid: "BK101" }));
    expect(error).to.be.instanceOf(MoodleInvalidParameterError);
    expect(error.errorcode).to.equal("invalidparameter");
    expect(error.message).to.contain("debugging");
  });

  it("groupid 0 in separate-groups mode gives MoodleInvalidParameterError", async () => {
    const input = {
      attendanceid: 1,
      description: "Šodienas konsultācija (visi)",
      sessiontime: 1795456800,
      duration: 3600,
      groupid: 0,
      addcalendarevent: true,
    };
    const error = await failure(addAttendanceSession(clientFor(fake), input));
    expect(error).to.be.instanceOf(MoodleInvalidParameterError);
  });

  it("a missing course gives MoodleNotFoundError (invalidrecord)", async () => {
    const error = await failure(getCourseContents(clientFor(fake), { courseid: 9999 }));
    expect(error).to.be.instanceOf(MoodleNotFoundError);
    expect(error.errorcode).to.equal("invalidrecord");
    expect(error.exception).to.equal("dml_missing_record_exception");
  });

  it("deleting the same session twice gives MoodleNotFoundError the second time", async () => {
    await removeAttendanceSession(clientFor(fake), 6);
    const error = await failure(removeAttendanceSession(clientFor(fake), 6));
    expect(error).to.be.instanceOf(MoodleNotFoundError);
  });

  it("deleting a deleted post gives MoodleNotFoundError (invalidpostid)", async () => {
    await deleteForumPost(clientFor(fake), 2);
    const error = await failure(deleteForumPost(clientFor(fake), 2));
    expect(error).to.be.instanceOf(MoodleNotFoundError);
    expect(error.errorcode).to.equal("invalidpostid");
  });

  it("deleting a deleted calendar event gives MoodleNotFoundError", async () => {
    const error = await failure(deleteCalendarEvents(clientFor(fake), [{ eventid: 7, repeat: false }]));
    expect(error).to.be.instanceOf(MoodleNotFoundError);
  });

  it("an unknown errorcode is a plain MoodleError that keeps Moodle's message", async () => {
    fake.setResponse("core_group_get_course_groups", {
      exception: "moodle_exception",
      errorcode: "sitemaintenance",
      message: "Site is being upgraded",
    });
    const error = await failure(getCourseGroups(clientFor(fake), 2));
    expect(error.constructor).to.equal(MoodleError);
    expect(error.errorcode).to.equal("sitemaintenance");
    expect(error.moodleMessage).to.equal("Site is being upgraded");
  });

  it("an HTML error page gives MoodleResponseError with the status", async () => {
    fake.simulate.htmlErrorPage = 503;
    const error = await failure(getSiteInfo(clientFor(fake, { retries: 0 })));
    expect(error).to.be.instanceOf(MoodleResponseError);
    expect(error.errorcode).to.equal("invalidresponse");
    expect((error as MoodleResponseError).status).to.equal(503);
    expect(error.message).to.contain("HTML page");
  });

  it("a body that is not JSON gives MoodleResponseError even with HTTP 200", async () => {
    fake.setResponse(
      "core_webservice_get_site_info",
      new FakeReply({ raw: "Notice: Undefined index", contentType: "text/plain" }),
    );
    const error = await failure(getSiteInfo(clientFor(fake)));
    expect(error).to.be.instanceOf(MoodleResponseError);
    expect((error as MoodleResponseError).status).to.equal(200);
  });

  it("an answer of the wrong shape gives MoodleResponseError (schemamismatch) naming the field", async () => {
    fake.setResponse("core_group_get_course_groups", [{ id: 1, name: "BVK-21" }]);
    const error = await failure(getCourseGroups(clientFor(fake), 2));
    expect(error).to.be.instanceOf(MoodleResponseError);
    expect(error.errorcode).to.equal("schemamismatch");
    expect(error.message).to.contain("0.courseid");
  });

  it("no answer within timeoutMs gives MoodleTimeoutError", async () => {
    fake.simulate.delayMs = 1_000;
    const error = await failure(getSiteInfo(clientFor(fake, { timeoutMs: 100, retries: 0 })));
    expect(error).to.be.instanceOf(MoodleTimeoutError);
    expect(error.errorcode).to.equal("timeout");
  });

  it("a closed port gives MoodleNetworkError that knows nothing was sent", async () => {
    await fake.setPortClosed(true);
    const error = await failure(getSiteInfo(clientFor(fake, { retries: 0 })));
    expect(error).to.be.instanceOf(MoodleNetworkError);
    expect((error as MoodleNetworkError).code).to.equal("ECONNREFUSED");
    expect((error as MoodleNetworkError).sent).to.equal(false);
  });
});
