import { expect } from "chai";
import {
  addAttendanceSession,
  getCourseGroups,
  MoodleInvalidTokenError,
  MoodleNetworkError,
  MoodleResponseError,
  MoodleTimeoutError,
  sendInstantMessages,
} from "../../src/index.js";
import { FakeReply, startFakeMoodle, type FakeMoodle } from "../support/fake-moodle.js";
import { clientFor } from "../support/test-client.js";

const HTML_503 = new FakeReply({
  status: 503,
  raw: "<!DOCTYPE html><html><body>Busy</body></html>",
  contentType: "text/html",
});
const session = { attendanceid: 1, description: "x", sessiontime: 1795508100, duration: 5400, groupid: 1 };

describe("retry policy", () => {
  let fake: FakeMoodle;
  beforeEach(async () => (fake = await startFakeMoodle()));
  afterEach(async () => fake.close());
  const callsOf = (fn: string) => fake.calls.filter((c) => c.wsfunction === fn).length;

  it("retries a read after an HTML error page, waiting the injected backoff delays", async () => {
    fake.setResponse("core_group_get_course_groups", (_call: unknown, n: number) => (n <= 2 ? HTML_503 : undefined));
    const client = clientFor(fake, { retries: 3 });
    const groups = await getCourseGroups(client, 2);
    expect(groups).to.have.length(2);
    expect(callsOf("core_group_get_course_groups")).to.equal(3);
    expect(client.delays).to.deep.equal([10, 20]);
  });

  it("gives up on a read after `retries` retries with the last error", async () => {
    fake.simulate.htmlErrorPage = 502;
    const client = clientFor(fake, { retries: 2 });
    const error = await getCourseGroups(client, 2).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MoodleResponseError);
    expect(fake.calls).to.have.length(3);
  });

  it("retries a read after a timeout", async () => {
    fake.setResponse("core_group_get_course_groups", (_call: unknown, n: number) =>
      n === 1 ? new FakeReply({ json: [], delayMs: 1_000 }) : undefined,
    );
    const groups = await getCourseGroups(clientFor(fake, { timeoutMs: 100 }), 2);
    expect(groups).to.have.length(2);
    expect(callsOf("core_group_get_course_groups")).to.equal(2);
  });

  it("never repeats a write after an HTML error page", async () => {
    fake.setResponse("mod_attendance_add_session", HTML_503);
    const error = await addAttendanceSession(clientFor(fake, { retries: 3 }), session).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MoodleResponseError);
    expect(callsOf("mod_attendance_add_session")).to.equal(1);
  });

  it("never repeats a write after a timeout: it may have happened", async () => {
    fake.setResponse("core_message_send_instant_messages", new FakeReply({ json: [], delayMs: 1_000 }));
    const client = clientFor(fake, { timeoutMs: 100, retries: 3 });
    const error = await sendInstantMessages(client, [{ touserid: 4, text: "x" }]).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MoodleTimeoutError);
    expect(callsOf("core_message_send_instant_messages")).to.equal(1);
  });

  it("repeats a write whose connection was refused, since it never reached Moodle", async () => {
    await fake.setPortClosed(true);
    const client = clientFor(fake, { retries: 2, sleep: async () => fake.setPortClosed(false) });
    const result = await addAttendanceSession(client, session);
    expect(result).to.deep.equal({ sessionid: 1 });
    expect(callsOf("mod_attendance_add_session")).to.equal(1);
  });

  it("reports a refused connection as MoodleNetworkError once the retries are used up", async () => {
    await fake.setPortClosed(true);
    const client = clientFor(fake, { retries: 2 });
    const error = await addAttendanceSession(client, session).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MoodleNetworkError);
    expect(client.delays).to.have.length(2);
  });

  it("does not retry Moodle's own refusals, even for reads", async () => {
    const client = clientFor(fake, { token: "wrong", retries: 3 });
    const error = await getCourseGroups(client, 2).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MoodleInvalidTokenError);
    expect(fake.calls).to.have.length(1);
  });

  it("retries a write marked idempotent by the caller", async () => {
    fake.setResponse("core_update_inplace_editable", (_call: unknown, n: number) => (n === 1 ? HTML_503 : undefined));
    const client = clientFor(fake);
    const result = await client.call(
      "core_update_inplace_editable",
      { component: "format_topics", itemtype: "sectionname", itemid: 2, value: "x" },
      { idempotent: true },
    );
    expect(result).to.have.property("displayvalue");
    expect(callsOf("core_update_inplace_editable")).to.equal(2);
  });
});

describe("logging", () => {
  let fake: FakeMoodle;
  beforeEach(async () => (fake = await startFakeMoodle()));
  afterEach(async () => fake.close());

  it("logs each call and each retry, and never the token", async () => {
    const lines: { level: string; obj: object; msg?: string }[] = [];
    const logger = {
      debug: (obj: object, msg?: string) => void lines.push({ level: "debug", obj, msg }),
      warn: (obj: object, msg?: string) => void lines.push({ level: "warn", obj, msg }),
    };
    fake.setResponse("core_group_get_course_groups", (_call: unknown, n: number) => (n === 1 ? HTML_503 : undefined));
    await getCourseGroups(clientFor(fake, { logger }), 2);
    expect(lines.map((l) => l.level)).to.deep.equal(["debug", "warn", "debug"]);
    expect(lines[1]?.obj).to.deep.include({
      wsfunction: "core_group_get_course_groups",
      errorcode: "invalidresponse",
      retry: 1,
    });
    expect(JSON.stringify(lines)).to.not.contain(fake.token);
  });
});
